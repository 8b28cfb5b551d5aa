#!/usr/bin/env bats
# mc-run: prepare, launch, isolate, wait, destroy in one command.

load helper

@test "mc-run exits with the command's code and leaves nothing" {
	run_f mc-run -- "$payload" exit 7
	assert_failure 7
	assert_no_leftovers
	run_f mc-run -- "$payload" exit 0
	assert_success
	assert_no_leftovers
}

@test "mc-run passes the command's output through" {
	run_f mc-run -- sh -c 'echo hello; echo oops >&2'
	assert_success
	assert_output hello
	[[ $stderr == *oops* ]]
	assert_no_leftovers
}

@test "mc-run passes its standard input to the command" {
	echo from-stdin >"$MC_TMP/in"
	run_f mc-run -- sh -c 'read -r l; echo "got $l"' <"$MC_TMP/in"
	assert_success
	assert_output "got from-stdin"
	assert_no_leftovers
}

@test "mc-run: a command killed by a signal gives 128+N" {
	run_f mc-run -- "$payload" signal 9
	assert_failure 137
	assert_no_leftovers
	run_f mc-run -- "$payload" signal 15
	assert_failure 143
	assert_no_leftovers
}

@test "mc-run runs the command inside the container --id names" {
	local want
	if [[ $CG_MODE == v1 ]]; then
		want="pids:/$MC_CGROUP_ROOT/box1"
	else
		want="0::/$MC_CGROUP_ROOT/box1"
	fi
	run_f mc-run --id box1 -- cat /proc/self/cgroup
	assert_success
	assert_output --partial "$want"
	assert_output --partial "/$MC_CGROUP_ROOT/box1"
	assert_no_leftovers
}

@test "mc-run applies the limits" {
	local f
	if [[ $CG_MODE == v1 ]]; then
		f="$(cg_path memory box1)/memory.limit_in_bytes $(cg_path pids box1)/pids.max"
	else
		f="$(cg_path - box1)/memory.max $(cg_path - box1)/pids.max"
	fi
	# shellcheck disable=SC2086
	run_f mc-run --id box1 --mem 64M --pids 17 -- cat $f
	assert_success
	assert_output "$(printf '67108864\n17')"
	assert_no_leftovers
}

@test "mc-run: the memory limit kills a memory hog (137)" {
	local extra=()
	if have_swap && have_swap_accounting; then
		extra=(--swap 0)
	fi
	run_f mc-run --mem 32M "${extra[@]}" -- "$payload" hog 200 0
	assert_failure 137
	refute_output --partial "allocated"
	assert_no_leftovers
}

@test "mc-run: a command that is not found gives 127, and nothing is left" {
	run -127 timeout 60 mc-run -- /nonexistent/no-such-command 3>&-
	assert_no_leftovers
}

@test "mc-run: a bad limit is a usage error (2) and creates nothing" {
	run_f mc-run --mem 12Q -- true
	assert_failure 2
	assert_no_leftovers
	run_f mc-run --no-such-option -- true
	assert_failure 2
	assert_no_leftovers
}

@test "mc-run with the ID of an existing container: 4, the container untouched" {
	timeout 30 mc-prepare box1 --pids 10
	run_f mc-run --id box1 -- true
	assert_failure 4
	[[ -d $MC_RUN_DIR/box1 ]]
	[[ $(cg_read pids box1 pids.max) == 10 ]]
}

@test "mc-run cleans up when the container's processes are left running" {
	run_f mc-run -- sh -c '"$1" procs 3 100 >/dev/null & sleep 0.5; exit 4' sh "$payload"
	assert_failure 4
	assert_no_leftovers
}

# interrupted SIGNAL HOW: start mc-run in a session of its own, wait until
# the command runs in the container, send SIGNAL (to the process, or to the
# whole process group like a terminal would), and check that everything is
# cleaned up.
interrupted() {
	local sig=$1 how=$2
	start_session mcrun mc-run --id box1 -- sleep 100
	local pid=$BG_PID rc=0
	wait_for -t 20 container_runs box1 sleep
	local inside
	inside=$(cg_procs box1)
	if [[ $how == group ]]; then
		# the process group the test created for mc-run
		[[ $(proc_pgrp "$pid") == "$pid" ]]
		kill -s "$sig" -- "-$pid"
	else
		kill -s "$sig" "$pid"
	fi
	wait_for -t 30 proc_dead "$pid"
	wait "$pid" || rc=$?
	((rc != 0)) || fail "mc-run exited 0 after SIG$sig"
	local p
	for p in $inside; do
		wait_for -t 5 proc_dead "$p"
	done
	assert_no_leftovers
}

@test "mc-run cleans up when interrupted with SIGTERM" {
	interrupted TERM process
}

@test "mc-run cleans up when interrupted with SIGINT (Ctrl-C)" {
	interrupted INT group
}

@test "mc-run cleans up when its process group gets SIGTERM" {
	interrupted TERM group
}

@test "mc-run takes every limit at once" {
	run_f mc-run --pids 20 --cpus 0.5 --cpu-limit 1 --mem 64M --mem-soft 32M -- "$payload" exit 0
	assert_success
	assert_no_leftovers
}

@test "mc-run --verbose passes -v to every program: each one's lines reach stderr" {
	local p opt
	for opt in -v --verbose; do
		run_f mc-run "$opt" --id box1 -- echo out
		assert_success
		assert_output out
		for p in mc-prepare mc-launch mc-isolate mc-destroy; do
			[[ $stderr == *"$p: box1: "* ]] ||
				fail "mc-run $opt: no line of $p on stderr: $stderr"
		done
		assert_no_leftovers
	done
	# without it, nothing
	run_f mc-run --id box1 -- echo out
	assert_success
	[[ -z $stderr ]] || fail "mc-run without --verbose said: $stderr"
}

@test "mc-run: a launch option refused by mc-launch is a usage error at once, nothing left" {
	local opt
	for opt in "--user no-such-user-$$" "--rlimit bogus=1" "--frobnicate=1"; do
		# shellcheck disable=SC2086
		run_f timeout 8 mc-run $opt -- true
		if ((status != 2)); then
			fail "mc-run $opt: exit $status, expected 2 at once ($stderr)"
		fi
		[[ $stderr == mc-launch:* ]] || fail "mc-run $opt: '$stderr'"
		assert_no_leftovers
	done
}
