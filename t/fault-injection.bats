#!/usr/bin/env bats
# Crash every program at many points of its work (SIGKILL through the
# test build's MC_CRASH_AT, see common/fault.h), then run mc-recover and
# check that nothing of the test root is left but the live container,
# which must have survived all of it.
#
# MC_FAULT_ROUNDS (default 6) repeats each crash; under emulation one
# round is enough to cover every point.

load helper

FI=$MC_BUILDDIR/t/fi
ROUNDS=${MC_FAULT_ROUNDS:-6}
CRASHES=0

setup_file() {
	[[ -x $MC_BUILDDIR/t/fi/mc-prepare ]] ||
		skip "the fault-injection build is missing: run make check"
}

# A container that must survive every crash and every recover.
start_live() {
	start_container live "$payload" sleep 600
	LIVE_PID=$LAUNCH_PID
}

assert_live_survived() {
	proc_alive "$LIVE_PID" || fail "the live container's executor died"
	in_cgroup "$LIVE_PID" memory live ||
		fail "the live container's executor left its cgroup"
	[[ -f $MC_RUN_DIR/live/pid ]] || fail "the live container's state is gone"
}

# crash POINT CMD...: run CMD with MC_CRASH_AT=POINT, expect it killed.
crash() {
	local point=$1 status=0
	shift
	MC_CRASH_AT=$point timeout -s KILL 30 "$@" >"$MC_TMP/crash.out" 2>&1 </dev/null 3>&- ||
		status=$?
	if ((status == 137)); then
		CRASHES=$((CRASHES + 1))
		return 0
	fi
	# mc-launch --detach: the crash kills the supervisor, which the
	# launcher reports.
	if ((status == 1)) && grep -q "supervisor died" "$MC_TMP/crash.out"; then
		CRASHES=$((CRASHES + 1))
		return 0
	fi
	# The point may lie beyond where this run ends (e.g. the fifth rmdir
	# of a container with four cgroups): no crash, a normal result.
	((status == 0)) || fail "$* with MC_CRASH_AT=$point: exit $status: $(cat "$MC_TMP/crash.out")"
}

# Recover, wait for the killed processes to go, and check that only the
# live container is left.
recover_and_check() {
	run timeout 60 mc-recover
	assert_success
	wait_for -t 10 only_live_left || true
	only_live_left || {
		echo "after a crash at $1: $(ls -A "$MC_RUN_DIR"); cgroups: $(find $(cg_root_dirs) -mindepth 1 -type d); procs: $(cg_all_procs | tr '\n' ' ')"
		false
	}
	assert_live_survived
}

# Nothing but "live" in the run dir and in the cgroups; no process but
# the live executor.  A victim left prepared (its launch crashed before
# the checkpoint) is a valid prepared container: it is destroyed here and
# must then be gone too.
only_live_left() {
	local entry root d procs
	for entry in $(cd "$MC_RUN_DIR" && ls -A | grep -v '^\.'); do
		[[ $entry == live ]] && continue
		[[ $(ls "$MC_RUN_DIR/$entry") == *pid* ]] && return 1
		mc-destroy "$entry" >/dev/null 2>&1 || return 1
	done
	for root in $(cg_root_dirs); do
		for d in $(find "$root" -mindepth 1 -maxdepth 1 -type d); do
			[[ ${d##*/} == live ]] || return 1
		done
	done
	procs=$(cg_all_procs | tr '\n' ' ')
	[[ $procs == "$LIVE_PID " ]]
}

@test "mc-prepare killed at each step: recover leaves nothing half-made" {
	start_live
	for ((r = 0; r < ROUNDS; r++)); do
		for point in prepare-claimed cgroup-mkdir:1 cgroup-mkdir:2 cgroup-mkdir:3 \
			cgroup-mkdir:4 cgroup-mkdir:5 cgroup-mkdir:6 state-write:1 state-write:2; do
			crash "$point" "$FI/mc-prepare" --cpus 0.5 --mem 64M --pids 16 --cpuset 0 victim
			recover_and_check "$point"
		done
		progress "mc-prepare crashes: round $((r + 1)) of $ROUNDS done, $CRASHES crashes so far"
	done
	echo "# $CRASHES crashes" >&3
	# v2 has one cgroup per container, v1 six: fewer mkdirs to crash in
	((CRASHES >= ROUNDS * $([[ $CG_MODE == v2 ]] && echo 4 || echo 8)))
}

# A launched child that was never released dies with its supervisor
# (PR_SET_PDEATHSIG).  That takes a moment: the detached supervisor may
# crash after mc-launch has returned, and the signalled child has yet to
# run.  Until it is gone, mc-recover rightly keeps a live launched child,
# so wait for it first; its not dying is a failure of its own.
victim_executor_died() {
	local pid rest
	# mc-launch --detach printed it, or the checkpoint recorded it
	pid=$(cat "$MC_TMP/crash.out")
	[[ $pid =~ ^[0-9]+$ ]] ||
		read -r pid rest <"$MC_RUN_DIR/victim/pid" 2>/dev/null || return 0
	wait_for -t 10 proc_dead "$pid" ||
		fail "after a crash at $1: the unreleased child $pid outlived its supervisor"
}

@test "mc-launch killed between fork and checkpoint and while supervising" {
	local detach
	start_live
	for ((r = 0; r < ROUNDS; r++)); do
		for point in launch-forked state-write:1 launch-checkpointed supervise; do
			# the foreground supervisor, then the detached one
			for detach in "" --detach; do
				mc-prepare victim
				crash "$point" "$FI/mc-launch" $detach victim -- "$payload" sleep 600
				victim_executor_died "launch ${detach:-foreground} $point"
				recover_and_check "launch ${detach:-foreground} $point"
			done
		done
		progress "mc-launch crashes: round $((r + 1)) of $ROUNDS done, $CRASHES crashes so far"
	done
	echo "# $CRASHES crashes" >&3
	((CRASHES >= ROUNDS * 6))
}

@test "mc-isolate killed after the move and before the release" {
	start_live
	for ((r = 0; r < ROUNDS; r++)); do
		for point in isolate-moved state-mark:1 isolate-marked; do
			mc-prepare --mem 64M victim
			launch_detached victim -- "$payload" sleep 600
			crash "$point" "$FI/mc-isolate" victim
			# the executor still waits and its supervisor lives: kept
			# Either the executor still waits, its supervisor alive:
			# kept; or the crash closed the FIFO under it, which
			# aborts it (end of file never means go): destroyed.
			run mc-recover
			assert_success
			assert_output --regexp "victim (kept launched|kept running|destroyed (exited|dead))"
			if [[ -d $MC_RUN_DIR/victim ]]; then
				run mc-destroy victim
				assert_success
			fi
			recover_and_check "isolate $point"
		done
		progress "mc-isolate crashes: round $((r + 1)) of $ROUNDS done, $CRASHES crashes so far"
	done
	echo "# $CRASHES crashes" >&3
	((CRASHES >= ROUNDS * 3))
}

@test "mc-destroy killed in its kill loop, its rmdirs and its state removal" {
	start_live
	for ((r = 0; r < ROUNDS; r++)); do
		for point in destroy-kill:1 destroy-kill:2 destroy-kill:3 \
			cgroup-rmdir:1 cgroup-rmdir:2 cgroup-rmdir:3 cgroup-rmdir:4 cgroup-rmdir:5 \
			destroy-cgroups-gone state-unlink:1 state-unlink:2 state-unlink:3 state-unlink:4; do
			start_container victim "$payload" procs 20
			wait_for procs_at_least victim 21
			crash "$point" "$FI/mc-destroy" victim
			recover_and_check "destroy $point"
		done
		progress "mc-destroy crashes: round $((r + 1)) of $ROUNDS done, $CRASHES crashes so far"
	done
	echo "# $CRASHES crashes" >&3
	((CRASHES >= ROUNDS * $([[ $CG_MODE == v2 ]] && echo 7 || echo 10)))
}

@test "mc-recover killed while it destroys: the next one finishes" {
	local id
	start_live
	for ((r = 0; r < ROUNDS; r++)); do
		for point in recover-entry:1 recover-entry:2 destroy-kill:1 cgroup-rmdir:2 state-unlink:1; do
			for id in dead1 dead2; do
				start_container "$id" "$payload" exit 0
				wait_for has_exited "$id"
			done
			# an orphan cgroup with a process in it
			mc-prepare orphan
			launch_detached orphan -- "$payload" sleep 600
			mc-isolate orphan
			rm -rf "${MC_RUN_DIR:?}/orphan"
			crash "$point" "$FI/mc-recover"
			recover_and_check "recover $point"
		done
		progress "mc-recover crashes: round $((r + 1)) of $ROUNDS done, $CRASHES crashes so far"
	done
	echo "# $CRASHES crashes" >&3
	((CRASHES >= ROUNDS * 4))
}

@test "a supervisor killed after the release: the executor is kept, destroy still works" {
	local sup
	start_container victim "$payload" sleep 600
	sup=$(_mc_ppid "$LAUNCH_PID")
	comm_is "$sup" mc-launch
	kill -KILL "$sup"
	wait_for proc_dead "$sup"
	run mc-recover
	assert_success
	assert_output "victim kept running"
	proc_alive "$LAUNCH_PID"
	run mc-destroy victim
	assert_success
	proc_dead "$LAUNCH_PID"
	assert_no_leftovers
}
