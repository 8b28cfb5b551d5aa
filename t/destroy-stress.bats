#!/usr/bin/env bats
# Destroy under load: many processes, fork storms, races with isolate, and
# a destroy that runs out of time.

load helper

# MC_BIG_PROCS (default 1000) and MC_PARALLEL (default 20) are lowered
# under emulation.
BIG=${MC_BIG_PROCS:-1000}
PARALLEL=${MC_PARALLEL:-20}

# Remember the processes of container ID (pid and start time), then check
# that each of them is gone: a pid the rest of the machine reused meanwhile
# has another start time.  Shell builtins only: a command per process
# (proc_starttime) made these two take a minute for 1000 processes.

# stat_of PID: STAT_STATE and STAT_START from /proc/PID/stat, or fail.
stat_of() {
	local stat
	read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
	stat=${stat##*) }
	# shellcheck disable=SC2086
	set -- $stat
	STAT_STATE=$1
	STAT_START=${20}
}

snapshot_procs() {
	local p
	SNAPSHOT=()
	for p in $(cg_procs "$1"); do
		if stat_of "$p"; then
			SNAPSHOT+=("$p:$STAT_START")
		fi
	done
}

assert_snapshot_dead() {
	local p pid
	for p in "${SNAPSHOT[@]}"; do
		pid=${p%%:*}
		stat_of "$pid" || continue
		[[ $STAT_STATE == [ZX] || $STAT_START != "${p#*:}" ]] ||
			fail "pid $pid survived"
	done
}

@test "destroy of a container with 1000 processes leaves none" {
	run mc-prepare --pids $((BIG * 2)) big
	assert_success
	launch_detached big -- "$payload" procs "$BIG"
	progress "starting $BIG processes"
	run mc-isolate big
	assert_success
	wait_for -t 120 procs_at_least big $((BIG + 1))
	progress "$BIG processes started, destroying them"
	snapshot_procs big
	run timeout 120 mc-destroy big
	assert_success
	progress "the $BIG processes destroyed, checking that each is gone"
	assert_snapshot_dead
	assert_no_leftovers
}

@test "a fork storm under a pids limit is destroyed 50 times in a row" {
	local i rounds=${MC_STORM_ROUNDS:-50}
	for ((i = 0; i < rounds; i++)); do
		mc-prepare --pids 64 storm
		launch_detached storm -- "$payload" forkstorm
		mc-isolate storm
		wait_for procs_at_least storm 16
		run timeout 60 mc-destroy storm
		assert_success
		assert_no_leftovers
		if (((i + 1) % 10 == 0 || i + 1 == rounds)); then
			progress "fork storms destroyed: $((i + 1)) of $rounds"
		fi
	done
}

@test "20 parallel lifecycles with destroy racing isolate leave nothing" {
	local i pids=()
	for ((i = 0; i < PARALLEL; i++)); do
		(
			id=race$i
			mc-prepare --mem 64M --pids 32 "$id" || exit 1
			mc-launch --detach "$id" -- "$payload" procs 3 >/dev/null </dev/null || exit 1
			mc-isolate --timeout 5 "$id" >/dev/null 2>&1 &
			# destroy at once, racing the isolate
			mc-destroy "$id" || exit 1
			wait
			exit 0
		) &
		pids+=($!)
	done
	for p in "${pids[@]}"; do
		wait "$p" || fail "a lifecycle failed"
	done
	assert_no_leftovers
}

@test "a destroy past its timeout fails clearly, leaves the cgroup thawed and can be finished" {
	mc-prepare slow
	launch_detached slow -- "$payload" procs 200
	mc-isolate slow
	wait_for -t 30 procs_at_least slow 201
	# no time at all: one kill pass, no waiting for the processes to go
	run mc-destroy --timeout 0 slow
	assert_failure 1
	assert_output --regexp "^mc-destroy: slow: .*(still there|remove cgroup)"
	# the state is kept for a later try, and nothing is left frozen
	[[ -d $MC_RUN_DIR/slow ]]
	if [[ $CG_MODE == v1 && -d $(cg_path freezer slow) ]]; then
		assert_equal "$(cg_read freezer slow freezer.state)" THAWED
	elif [[ $CG_MODE == v2 && -d $(cg_path - slow) ]]; then
		assert_equal "$(cg_read - slow cgroup.freeze)" 0
	fi
	run mc-destroy slow
	assert_success
	assert_no_leftovers
}

@test "processes that setsid and double-fork are killed too" {
	mc-prepare escape
	launch_detached escape -- sh -c 'setsid sh -c "(sleep 600 &) ; sleep 600" & sleep 600'
	mc-isolate escape
	wait_for procs_at_least escape 4
	snapshot_procs escape
	run mc-destroy escape
	assert_success
	assert_snapshot_dead
	assert_no_leftovers
}
