#!/usr/bin/env bats
# mc-launch: the blocked child, the pid checkpoint, the supervisor.

load helper

@test "launching an unprepared container: exit 3, nothing created" {
	run_f mc-launch nosuch -- true
	assert_failure 3
	assert_error mc-launch nosuch
	assert_no_leftovers
	run_f mc-launch --detach nosuch -- true
	assert_failure 3
	assert_output ""
	assert_no_leftovers
}

@test "--detach prints the pid alone on stdout; the child waits, alive" {
	timeout 30 mc-prepare c1
	run_f mc-launch --detach c1 -- sleep 100
	assert_success
	assert_output --regexp '^[0-9]+$'
	((${#lines[@]} == 1))
	local pid=$output
	proc_alive "$pid"
	sleep 0.5
	proc_alive "$pid"
	# released by nobody: still not sleep
	[[ $(cat "/proc/$pid/comm") != sleep ]] || fail "the child ran its command before isolate"
}

@test "--detach returns at once inside a command substitution" {
	timeout 30 mc-prepare c1
	local t0=$SECONDS
	run timeout -s KILL 15 bash -c \
		'p=$(mc-launch --detach c1 -- sleep 100 2>"$1"); echo "pid=$p"' \
		_ "$MC_TMP/launch.err" 3>&-
	assert_success
	assert_output --regexp '^pid=[0-9]+$'
	((SECONDS - t0 < 10)) || fail "took $((SECONDS - t0)) s"
}

@test "the pid file holds PID STARTTIME BOOTID of the child" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- sleep 100
	local f=$MC_RUN_DIR/c1/pid
	[[ -f $f ]]
	local pid start boot extra
	read -r pid start boot extra <"$f"
	[[ $pid == "$LAUNCH_PID" ]]
	[[ $start == "$(proc_starttime "$LAUNCH_PID")" ]]
	[[ $boot == "$(boot_id)" ]]
	[[ -z $extra ]]
	[[ $(wc -l <"$f") -le 1 ]]
}

@test "the launched child is in the container's tracking cgroup before isolate" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- sleep 100
	in_cgroup "$LAUNCH_PID" freezer c1 ||
		fail "pid $LAUNCH_PID not in the container: $(cat "/proc/$LAUNCH_PID/cgroup")"
	run cg_procs c1
	assert_output --partial "$LAUNCH_PID"
	if [[ $CG_MODE == v1 ]]; then
		grep -qx "$LAUNCH_PID" "$(cg_path freezer c1)/cgroup.procs"
	else
		grep -qx "$LAUNCH_PID" "$(cg_path - c1)/cgroup.procs"
	fi
}

@test "the command does not run before isolate, and runs after it" {
	timeout 30 mc-prepare c1
	local file=$MC_TMP/ran
	launch_detached c1 -- touch "$file"
	sleep 1
	[[ ! -e $file ]] || fail "the command ran before isolate"
	proc_alive "$LAUNCH_PID"
	run_f mc-isolate c1
	assert_success
	wait_for test -e "$file"
}

@test "the child is a session leader (setsid)" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- sleep 100
	[[ $(proc_session "$LAUNCH_PID") == "$LAUNCH_PID" ]]
}

@test "launching twice is a conflict (4); the first child is untouched" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- sleep 100
	local first=$LAUNCH_PID
	run_f mc-launch --detach c1 -- sleep 100
	assert_failure 4
	assert_error mc-launch c1
	run_f mc-launch c1 -- sleep 100
	assert_failure 4
	proc_alive "$first"
	read -r pid _ <"$MC_RUN_DIR/c1/pid"
	[[ $pid == "$first" ]]
	[[ $(cg_procs c1) == "$first" ]]
}

@test "launching an exited container is a conflict (4) that says to destroy it first" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- "$payload" exit 3
	timeout 30 mc-isolate c1
	wait_for has_exited c1
	run_f mc-launch --detach c1 -- true
	assert_failure 4
	assert_error mc-launch c1
	assert_equal "$stderr" "mc-launch: c1: cannot launch: container is exited: destroy it first (mc-destroy c1), then prepare it anew"
	# which is the way to run it again
	timeout 30 mc-destroy c1
	timeout 30 mc-prepare c1
	launch_detached c1 -- true
}

@test "options may follow the ID: mc-launch ID --detach -- CMD" {
	timeout 30 mc-prepare c1
	run_f mc-launch c1 --detach -- sleep 100
	assert_success
	assert_output --regexp '^[0-9]+$'
}

# fg_launch ID CMD...: foreground launch in the background, isolate, and
# wait: sets FG_STATUS.
fg_launch() {
	local id=$1
	shift
	timeout 30 mc-prepare "$id"
	start_bg fg mc-launch "$id" -- "$@"
	local pid=$BG_PID
	run_f mc-isolate "$id"
	FG_ISOLATE=$status
	FG_STATUS=0
	wait "$pid" || FG_STATUS=$?
}

@test "foreground: mc-launch exits with the child's code and records it" {
	fg_launch c1 "$payload" exit 3
	((FG_ISOLATE == 0))
	((FG_STATUS == 3)) || fail "exit $FG_STATUS, expected 3: $(cat "$MC_TMP/fg.err")"
	run cat "$MC_RUN_DIR/c1/exit"
	assert_output --regexp '^exited 3'
}

@test "foreground: exit 0" {
	fg_launch c1 "$payload" exit 0
	((FG_STATUS == 0)) || fail "exit $FG_STATUS: $(cat "$MC_TMP/fg.err")"
	run cat "$MC_RUN_DIR/c1/exit"
	assert_output --regexp '^exited 0'
}

@test "foreground: a child killed by signal N gives 128+N" {
	fg_launch c1 "$payload" signal 9
	((FG_STATUS == 137)) || fail "exit $FG_STATUS, expected 137"
	run cat "$MC_RUN_DIR/c1/exit"
	assert_output --regexp '^killed by signal 9'
	fg_launch c2 "$payload" signal 15
	((FG_STATUS == 143)) || fail "exit $FG_STATUS, expected 143"
	run cat "$MC_RUN_DIR/c2/exit"
	assert_output --regexp '^killed by signal 15'
}

@test "foreground: the executor writes to the caller's stdout and stderr" {
	fg_launch c1 sh -c 'echo to-stdout; echo to-stderr >&2'
	((FG_STATUS == 0))
	grep -qx to-stdout "$MC_TMP/fg.out"
	grep -q to-stderr "$MC_TMP/fg.err"
}

@test "exec failure: 127 when the command is not found, with a message" {
	fg_launch c1 /nonexistent/no-such-command
	((FG_STATUS == 127)) || fail "exit $FG_STATUS, expected 127"
	grep -q '^mc-launch: c1: ' "$MC_TMP/fg.err" ||
		fail "no message: $(cat "$MC_TMP/fg.err")"
	[[ $(grep -c . "$MC_TMP/fg.err") == 1 ]] ||
		fail "more than one line: $(cat "$MC_TMP/fg.err")"
	fg_launch c2 no-such-command-in-path-mc
	((FG_STATUS == 127)) || fail "exit $FG_STATUS, expected 127"
}

@test "exec failure: 126 when the command cannot be executed" {
	local f=$MC_TMP/not-executable
	printf '#!/bin/sh\nexit 0\n' >"$f"
	chmod 644 "$f"
	fg_launch c1 "$f"
	((FG_STATUS == 126)) || fail "exit $FG_STATUS, expected 126"
	grep -q '^mc-launch: c1: ' "$MC_TMP/fg.err"
	fg_launch c2 "$MC_TMP"
	((FG_STATUS == 126)) || fail "a directory: exit $FG_STATUS, expected 126"
}

@test "detached: the executor's stdout and stderr go to the state dir" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- sh -c 'echo to-stdout; echo to-stderr >&2'
	run_f mc-isolate c1
	assert_success
	wait_for has_exited c1
	grep -qx to-stdout "$MC_RUN_DIR/c1/stdout"
	grep -qx to-stderr "$MC_RUN_DIR/c1/stderr"
}

@test "detached: the supervisor records the exit status" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- "$payload" exit 5
	[[ ! -e $MC_RUN_DIR/c1/exit ]]
	run_f mc-isolate c1
	assert_success
	wait_for has_exited c1
	run cat "$MC_RUN_DIR/c1/exit"
	assert_output --regexp '^exited 5'
	timeout 30 mc-prepare c2
	launch_detached c2 -- "$payload" signal 9
	run_f mc-isolate c2
	wait_for has_exited c2
	run cat "$MC_RUN_DIR/c2/exit"
	assert_output --regexp '^killed by signal 9'
}

@test "detached: the supervisor reaps the child (no zombie left)" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- "$payload" exit 0
	local pid=$LAUNCH_PID
	run_f mc-isolate c1
	wait_for has_exited c1
	wait_for test ! -e "/proc/$pid"
}

@test "detached: the executor holds none of the caller's descriptors" {
	timeout 30 mc-prepare c1
	exec 7>"$MC_TMP/caller-fd"
	launch_detached c1 -- "$payload" fds
	exec 7>&-
	run_f mc-isolate c1
	assert_success
	wait_for has_exited c1
	run awk '{print $1}' "$MC_RUN_DIR/c1/stdout"
	assert_output "$(printf '0\n1\n2')"
}

@test "foreground: the executor holds only 0, 1 and 2" {
	timeout 30 mc-prepare c1
	exec 7>"$MC_TMP/caller-fd"
	start_bg fg mc-launch c1 -- "$payload" fds
	exec 7>&-
	local pid=$BG_PID rc=0
	run_f mc-isolate c1
	wait "$pid" || rc=$?
	((rc == 0))
	run awk '{print $1}' "$MC_TMP/fg.out"
	assert_output "$(printf '0\n1\n2')"
}

@test "the executor runs with the arguments given, unchanged" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- sh -c 'printf "[%s]" "$@"' sh 'a b' '' '--x' '*'
	run_f mc-isolate c1
	wait_for has_exited c1
	[[ $(cat "$MC_RUN_DIR/c1/stdout") == '[a b][][--x][*]' ]]
}
