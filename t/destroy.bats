#!/usr/bin/env bats
# mc-destroy: every process dies at every stage; cgroups and state go.

load helper

# all_dead PID...: every one of them is gone
all_dead() {
	local p
	for p in "$@"; do
		proc_dead "$p" || return 1
	done
}

destroy_ok() {
	run_f mc-destroy "$@"
	assert_success
	assert_output ""
	assert_no_leftovers
}

@test "destroying an unknown container: exit 3" {
	run_f mc-destroy nosuch
	assert_failure 3
	assert_error mc-destroy nosuch
	assert_no_leftovers
}

@test "destroy a prepared container: cgroups and state removed" {
	timeout 30 mc-prepare c1 --mem 64M --pids 10
	destroy_ok c1
	[[ ! -e $MC_RUN_DIR/c1 ]]
	local d
	for d in $(expected_dirs c1); do
		[[ ! -e $d ]] || fail "$d is still there"
	done
}

@test "destroy a prepared container with a cpuset" {
	[[ $CG_MODE == v1 ]] || v2_has_controller cpuset ||
		skip "no cpuset controller in the v2 hierarchy"
	timeout 30 mc-prepare c1 --cpuset 0
	destroy_ok c1
	[[ ! -e $(cg_path cpuset c1) ]]
}

@test "destroy kills a launched child that was never isolated" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- sleep 100
	local pid=$LAUNCH_PID
	proc_alive "$pid"
	destroy_ok c1
	wait_for -t 5 proc_dead "$pid"
}

@test "destroy kills a running container and every process in it" {
	timeout 30 mc-prepare c1 --pids 50
	launch_detached c1 -- "$payload" procs 5
	run_f mc-isolate c1
	assert_success
	wait_for grep -qx ready "$MC_RUN_DIR/c1/stdout"
	local pids
	pids=$(cg_procs c1)
	[[ $(wc -w <<<"$pids") == 6 ]] || fail "expected 6 processes: $pids"
	destroy_ok c1
	# shellcheck disable=SC2086
	wait_for -t 5 all_dead $pids
}

@test "destroy kills a fork storm under --pids" {
	timeout 30 mc-prepare c1 --pids 64
	launch_detached c1 -- "$payload" forkstorm
	run_f mc-isolate c1
	assert_success
	wait_for procs_at_least c1 60
	local pids t0=$SECONDS
	pids=$(cg_procs c1)
	destroy_ok c1
	((SECONDS - t0 < 30))
	# shellcheck disable=SC2086
	wait_for -t 5 all_dead $pids
}

@test "destroy kills setsid and double-forked grandchildren" {
	timeout 30 mc-prepare c1
	local record=$MC_TMP/grandchildren
	launch_detached c1 -- python3 -c '
import os, sys, time
out = sys.argv[1]
def daemon():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            with open(out, "a") as f:
                f.write("%d\n" % os.getpid())
            time.sleep(100)
        os._exit(0)
daemon()
daemon()
time.sleep(1)
with open(out, "a") as f:
    f.write("done\n")
time.sleep(100)
' "$record"
	run_f mc-isolate c1
	assert_success
	wait_for grep -qx done "$record"
	local pids
	pids=$(grep -v done "$record")
	[[ $(wc -w <<<"$pids") == 2 ]]
	local p
	for p in $pids; do
		proc_alive "$p"
		[[ $(proc_session "$p") != "$LAUNCH_PID" ]]
	done
	destroy_ok c1
	# shellcheck disable=SC2086
	wait_for -t 5 all_dead $pids
}

@test "destroy kills processes in nested cgroups and removes those" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- "$payload" procs 2
	run_f mc-isolate c1
	assert_success
	wait_for grep -qx ready "$MC_RUN_DIR/c1/stdout"
	local child d
	child=$(cg_procs c1 | grep -vx "$LAUNCH_PID" | head -n 1)
	for d in $(cg_container_dirs c1); do
		mkdir "$d/nested"
		echo "$child" >"$d/nested/cgroup.procs"
	done
	local pids
	pids=$(cg_procs c1)
	destroy_ok c1
	# shellcheck disable=SC2086
	wait_for -t 5 all_dead $pids
}

@test "destroy a frozen container" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- "$payload" procs 2
	run_f mc-isolate c1
	assert_success
	wait_for grep -qx ready "$MC_RUN_DIR/c1/stdout"
	if [[ $CG_MODE == v1 ]]; then
		echo FROZEN >"$(cg_path freezer c1)/freezer.state"
		wait_for grep -qx FROZEN "$(cg_path freezer c1)/freezer.state"
	else
		echo 1 >"$(cg_path - c1)/cgroup.freeze"
	fi
	local pids
	pids=$(cg_procs c1)
	destroy_ok c1
	# shellcheck disable=SC2086
	wait_for -t 5 all_dead $pids
}

@test "destroy after the executor exited" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- "$payload" exit 0
	run_f mc-isolate c1
	wait_for has_exited c1
	destroy_ok c1
}

@test "destroy of a running foreground launch: the supervisor exits 137" {
	timeout 30 mc-prepare c1
	start_bg fg mc-launch c1 -- sleep 100
	local sup=$BG_PID rc=0
	run_f mc-isolate c1
	assert_success
	wait_for container_runs c1 sleep
	run_f mc-destroy c1
	assert_success
	wait "$sup" || rc=$?
	((rc == 137)) || fail "supervisor exit $rc, expected 137"
	assert_no_leftovers
}

@test "destroy twice: the second one finds nothing (3)" {
	timeout 30 mc-prepare c1
	destroy_ok c1
	run_f mc-destroy c1
	assert_failure 3
}

@test "destroy leaves other containers alone" {
	timeout 30 mc-prepare c1
	timeout 30 mc-prepare c2
	launch_detached c2 -- sleep 100
	local other=$LAUNCH_PID
	run_f mc-isolate c2
	launch_detached c1 -- sleep 100
	run_f mc-isolate c1
	run_f mc-destroy c1
	assert_success
	proc_alive "$other"
	[[ -d $MC_RUN_DIR/c2 ]]
	local d
	for d in $(expected_dirs c2); do
		[[ -d $d ]]
	done
	[[ $(cg_procs c2) == "$other" ]]
}

@test "destroy --timeout takes seconds" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- sleep 100
	run_f mc-isolate c1
	destroy_ok --timeout 5 c1
}

# hold_lock ID SECS: another program holds ID's lock for SECS seconds;
# it writes MC_TMP/held once it has the lock and MC_TMP/letting-go just
# before it lets go.  Sets HOLDER.
hold_lock() {
	python3 -c '
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)
fcntl.flock(fd, fcntl.LOCK_EX)
open(sys.argv[3] + "/held", "w").close()
time.sleep(float(sys.argv[2]))
open(sys.argv[3] + "/letting-go", "w").close()
' "$MC_RUN_DIR/$1" "$2" "$MC_TMP" </dev/null >/dev/null 2>&1 3>&- &
	HOLDER=$!
	bg_pid "$HOLDER"
	wait_for test -e "$MC_TMP/held"
}

@test "a container locked by another program: destroy waits for it, or exits 4 past --timeout" {
	timeout 30 mc-prepare c1
	hold_lock c1 60
	run_f mc-destroy --timeout 0.3 c1
	assert_failure 4
	assert_error mc-destroy c1
	[[ $stderr == *"locked by another program"* ]] || fail "unclear: $stderr"
	container_exists c1
	kill "$HOLDER"
	wait "$HOLDER" || true
	rm -f "$MC_TMP/held"
	# a holder that lets go while destroy waits: destroy goes on
	hold_lock c1 1
	run_f mc-destroy --timeout 30 c1
	assert_success
	[[ -e $MC_TMP/letting-go ]] || fail "destroy did not wait for the lock"
	assert_no_leftovers
}
