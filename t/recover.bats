#!/usr/bin/env bats
# mc-recover: keep the live, clean the dead, destroy orphans.

load helper

# start_sleeper: an outside process of the test's own (not in any of its
# cgroups); sets SLEEPER.
start_sleeper() {
	sleep 1000 </dev/null >/dev/null 2>&1 3>&- &
	SLEEPER=$!
	bg_pid "$SLEEPER"
}

# make_orphan NAME [PID]: a cgroup under the test root in every hierarchy a
# container uses, with no state entry; PID moved into it.
make_orphan() {
	local name=$1 pid=${2:-} c d
	if [[ $CG_MODE == v2 ]]; then
		d=$CGROUP_FS/$MC_CGROUP_ROOT/$name
		mkdir -p "$d"
		[[ -z $pid ]] || echo "$pid" >"$d/cgroup.procs"
		return
	fi
	for c in $V1_CONTROLLERS; do
		d=$CGROUP_FS/$c/$MC_CGROUP_ROOT/$name
		mkdir -p "$d"
		[[ -z $pid ]] || echo "$pid" >"$d/cgroup.procs"
	done
}

# report_has REGEX: a line of $output matches ^REGEX$
report_has() {
	printf '%s\n' "${lines[@]}" | grep -Eq "^$1\$" ||
		fail "no line matching '^$1\$' in: $output"
}

still_there() {
	local d
	[[ -d $MC_RUN_DIR/$1 ]] || fail "state of $1 is gone"
	for d in $(expected_dirs "$1"); do
		[[ -d $d ]] || fail "cgroup $d is gone"
	done
}

all_gone() {
	[[ ! -e $MC_RUN_DIR/$1 ]] || fail "state of $1 is still there"
	[[ -z $(cg_container_dirs "$1") ]] || fail "cgroups of $1 still there: $(cg_container_dirs "$1")"
}

# The detached supervisor of a launched child (its parent).
supervisor_of() {
	_mc_ppid "$1"
}

@test "recover with nothing to do prints nothing and succeeds" {
	run_f mc-recover
	assert_success
	assert_output ""
	assert_no_leftovers
}

@test "a prepared container is kept" {
	timeout 30 mc-prepare c1 --pids 10
	run_f mc-recover
	assert_success
	((${#lines[@]} == 1)) || fail "$output"
	report_has 'c1 kept prepared( .*)?'
	still_there c1
	[[ $(cg_read pids c1 pids.max) == 10 ]]
}

@test "a running detached container is kept, its process untouched" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- sleep 100
	run_f mc-isolate c1
	assert_success
	run_f mc-recover
	assert_success
	report_has 'c1 kept running( .*)?'
	still_there c1
	proc_alive "$LAUNCH_PID"
	[[ $(cg_procs c1) == "$LAUNCH_PID" ]]
}

@test "a launched, not yet isolated container is kept and can still be isolated" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- sh -c 'echo ran; sleep 100'
	run_f mc-recover
	assert_success
	report_has 'c1 kept [a-z-]+( .*)?'
	proc_alive "$LAUNCH_PID"
	run_f mc-isolate c1
	assert_success
	wait_for grep -qx ran "$MC_RUN_DIR/c1/stdout"
}

@test "a container whose executor exited is destroyed" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- "$payload" exit 3
	run_f mc-isolate c1
	wait_for has_exited c1
	wait_for proc_dead "$LAUNCH_PID"
	run_f mc-recover
	assert_success
	report_has 'c1 destroyed (exited|dead)( .*)?'
	all_gone c1
	assert_no_leftovers
}

# launch_reaped ID CMD...: mc-launch --detach under a child subreaper of
# the test's own that reaps whatever is orphaned below it (as a proper init
# would, at once), so that a killed executor leaves no zombie.  Sets
# LAUNCH_PID.
launch_reaped() {
	local id=$1
	shift
	python3 -c '
import ctypes, os, subprocess, sys, time
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)   # PR_SET_CHILD_SUBREAPER
with open(sys.argv[1], "w") as out:
    subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL,
                   stdin=subprocess.DEVNULL, timeout=30)
open(sys.argv[1] + ".done", "w").close()
end = time.time() + 60
while time.time() < end:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        pass
    time.sleep(0.05)
' "$MC_TMP/reaped.out" mc-launch --detach "$id" -- "$@" </dev/null >/dev/null 2>&1 3>&- &
	bg_pid $!
	wait_for test -e "$MC_TMP/reaped.out.done"
	LAUNCH_PID=$(cat "$MC_TMP/reaped.out")
	[[ $LAUNCH_PID =~ ^[0-9]+$ ]]
}

@test "a container whose supervisor and executor died (crash) is destroyed" {
	timeout 30 mc-prepare c1
	launch_reaped c1 sleep 100
	run_f mc-isolate c1
	assert_success
	local sup
	sup=$(supervisor_of "$LAUNCH_PID")
	[[ -n $sup && $sup != 1 ]]
	# the supervisor was started by this test (detached mc-launch)
	grep -qz "^MC_RUN_DIR=$MC_RUN_DIR\$" "/proc/$sup/environ"
	kill -KILL "$sup"
	wait_for proc_dead "$sup"
	# the executor, read from the container's own cgroup
	[[ $(cg_procs c1) == "$LAUNCH_PID" ]]
	kill -KILL "$LAUNCH_PID"
	# gone for good (reaped), as after a crash
	wait_for test ! -e "/proc/$LAUNCH_PID"
	run_f mc-recover
	assert_success
	report_has 'c1 destroyed (dead|exited)( .*)?'
	all_gone c1
	assert_no_leftovers
}

@test "an orphan cgroup with a process in it is destroyed, the process killed" {
	start_sleeper
	make_orphan orphan1 "$SLEEPER"
	[[ -n $(cg_procs orphan1) ]]
	run_f mc-recover
	assert_success
	report_has 'orphan1 destroyed orphan-cgroup( .*)?'
	wait_for -t 5 proc_dead "$SLEEPER"
	all_gone orphan1
	assert_no_leftovers
}

@test "an empty orphan cgroup is destroyed" {
	timeout 30 mc-prepare c1
	make_orphan orphan2
	run_f mc-recover
	assert_success
	report_has 'orphan2 destroyed orphan-cgroup( .*)?'
	report_has 'c1 kept prepared( .*)?'
	all_gone orphan2
	still_there c1
}

@test "a state entry without cgroups is cleaned" {
	timeout 30 mc-prepare c1
	local d
	for d in $(cg_container_dirs c1); do
		rmdir "$d"
	done
	run_f mc-recover
	assert_success
	report_has 'c1 cleaned orphan-state( .*)?'
	all_gone c1
	assert_no_leftovers
}

@test "a container from another boot is destroyed" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- sleep 100
	run_f mc-isolate c1
	assert_success
	local pid start boot
	read -r pid start boot <"$MC_RUN_DIR/c1/pid"
	echo "$pid $start 00000000-0000-4000-8000-000000000000" >"$MC_RUN_DIR/c1/pid"
	run_f mc-recover
	assert_success
	report_has 'c1 destroyed rebooted( .*)?'
	all_gone c1
	wait_for -t 5 proc_dead "$LAUNCH_PID"
	assert_no_leftovers
}

@test "a container whose pid was reused is destroyed" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- sleep 100
	run_f mc-isolate c1
	assert_success
	local pid start boot
	read -r pid start boot <"$MC_RUN_DIR/c1/pid"
	echo "$pid $((start + 12345)) $boot" >"$MC_RUN_DIR/c1/pid"
	run_f mc-recover
	assert_success
	report_has 'c1 destroyed pid-reused( .*)?'
	all_gone c1
	assert_no_leftovers
}

@test "--dry-run reports the same without changing anything" {
	timeout 30 mc-prepare kept1
	timeout 30 mc-prepare dead1
	launch_detached dead1 -- "$payload" exit 0
	run_f mc-isolate dead1
	wait_for has_exited dead1
	wait_for proc_dead "$LAUNCH_PID"
	timeout 30 mc-prepare stale1
	local d
	for d in $(cg_container_dirs stale1); do
		rmdir "$d"
	done
	start_sleeper
	make_orphan orphan1 "$SLEEPER"

	run_f mc-recover --dry-run
	assert_success
	((${#lines[@]} == 4)) || fail "expected 4 lines: $output"
	report_has 'kept1 keep prepared( .*)?'
	report_has 'dead1 destroy (exited|dead)( .*)?'
	report_has 'stale1 clean orphan-state( .*)?'
	report_has 'orphan1 destroy orphan-cgroup( .*)?'
	still_there kept1
	[[ -d $MC_RUN_DIR/dead1 && -n $(cg_container_dirs dead1) ]]
	[[ -d $MC_RUN_DIR/stale1 ]]
	[[ -n $(cg_container_dirs orphan1) ]]
	proc_alive "$SLEEPER"

	run_f mc-recover
	assert_success
	((${#lines[@]} == 4)) || fail "expected 4 lines: $output"
	report_has 'kept1 kept prepared( .*)?'
	report_has 'dead1 destroyed (exited|dead)( .*)?'
	report_has 'stale1 cleaned orphan-state( .*)?'
	report_has 'orphan1 destroyed orphan-cgroup( .*)?'
	wait_for -t 5 proc_dead "$SLEEPER"
	still_there kept1
	all_gone dead1
	all_gone stale1
	all_gone orphan1

	# a second pass only keeps
	run_f mc-recover
	assert_success
	assert_output --regexp '^kept1 kept prepared( .*)?$'
}

@test "a second recover while one holds the lock exits 4 at once" {
	timeout 30 mc-prepare c1
	python3 -c '
import fcntl, sys, time
f = open(sys.argv[1], "a")
fcntl.flock(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(30)
' "$MC_RUN_DIR/.recover.lock" "$MC_TMP/locked" </dev/null >/dev/null 2>&1 3>&- &
	local holder=$!
	bg_pid "$holder"
	wait_for test -e "$MC_TMP/locked"
	local t0=$SECONDS
	run_f mc-recover
	assert_failure 4
	assert_error mc-recover
	((SECONDS - t0 < 10)) || fail "took $((SECONDS - t0)) s"
	still_there c1
	kill "$holder"
	wait "$holder" || true
	run_f mc-recover
	assert_success
	report_has 'c1 kept prepared( .*)?'
}

@test "recover leaves containers of other roots alone" {
	timeout 30 mc-prepare c1
	run_f env MC_CGROUP_ROOT="$MC_ESCAPE" MC_RUN_DIR="$MC_TMP/other-run" mc-recover
	assert_success
	assert_output ""
	still_there c1
}
