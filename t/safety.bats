#!/usr/bin/env bats
# Safety: tampered state never kills an outside process; races; locks;
# unprivileged callers.

load helper

# An outside process of the test's own, in none of its cgroups: SLEEPER.
start_sleeper() {
	sleep 1000 </dev/null >/dev/null 2>&1 3>&- &
	SLEEPER=$!
	bg_pid "$SLEEPER"
	wait_for test -n "$(proc_starttime "$SLEEPER")"
}

# tamper ID CONTENT: replace the container's pid file.
tamper() {
	printf '%s\n' "$2" >"$MC_RUN_DIR/$1/pid"
}

all_dead() {
	local p
	for p in "$@"; do
		proc_dead "$p" || return 1
	done
}

@test "a tampered pid file (outside process, right start time) never gets it killed by destroy" {
	start_sleeper
	timeout 30 mc-prepare c1
	tamper c1 "$SLEEPER $(proc_starttime "$SLEEPER") $(boot_id)"
	run_f mc-destroy c1
	((status < 128)) || fail "mc-destroy crashed: $status"
	sleep 0.5
	proc_alive "$SLEEPER"
}

@test "a tampered pid file (outside process, wrong start time) never gets it killed by destroy" {
	start_sleeper
	timeout 30 mc-prepare c1
	tamper c1 "$SLEEPER $(($(proc_starttime "$SLEEPER") + 7)) $(boot_id)"
	run_f mc-destroy c1
	((status < 128)) || fail "mc-destroy crashed: $status"
	sleep 0.5
	proc_alive "$SLEEPER"
}

@test "a tampered pid file never gets an outside process killed by recover" {
	start_sleeper
	timeout 30 mc-prepare c1
	timeout 30 mc-prepare c2
	tamper c1 "$SLEEPER $(proc_starttime "$SLEEPER") $(boot_id)"
	tamper c2 "$SLEEPER $(($(proc_starttime "$SLEEPER") + 7)) $(boot_id)"
	run_f mc-recover
	((status < 128)) || fail "mc-recover crashed: $status"
	sleep 0.5
	proc_alive "$SLEEPER"
	run_f mc-recover
	sleep 0.5
	proc_alive "$SLEEPER"
}

@test "a tampered pid file of a launched container: destroy kills the container's child, not the outsider" {
	start_sleeper
	timeout 30 mc-prepare c1
	launch_detached c1 -- sleep 100
	local child=$LAUNCH_PID
	tamper c1 "$SLEEPER $(proc_starttime "$SLEEPER") $(boot_id)"
	run_f mc-destroy c1
	assert_success
	wait_for -t 5 proc_dead "$child"
	proc_alive "$SLEEPER"
	assert_no_leftovers
}

@test "a tampered pid file of a running container: destroy kills the container, not the outsider" {
	start_sleeper
	timeout 30 mc-prepare c1
	launch_detached c1 -- "$payload" procs 2
	run_f mc-isolate c1
	assert_success
	wait_for grep -qx ready "$MC_RUN_DIR/c1/stdout"
	local inside
	inside=$(cg_procs c1)
	tamper c1 "$SLEEPER $(proc_starttime "$SLEEPER") $(boot_id)"
	run_f mc-destroy c1
	assert_success
	# shellcheck disable=SC2086
	wait_for -t 5 all_dead $inside
	proc_alive "$SLEEPER"
	assert_no_leftovers
}

@test "a garbage pid file makes no program crash" {
	start_sleeper
	local content
	while IFS= read -r content; do
		timeout 30 mc-prepare c1
		tamper c1 "$content"
		run_f mc-usage c1
		((status < 128)) || fail "mc-usage crashed ($status) on '$content'"
		run_f mc-isolate --timeout 1 c1
		((status < 128)) || fail "mc-isolate crashed ($status) on '$content'"
		run_f mc-recover --dry-run
		((status < 128)) || fail "mc-recover crashed ($status) on '$content'"
		run_f mc-destroy c1
		((status < 128)) || fail "mc-destroy crashed ($status) on '$content'"
		# whatever is left, the test's teardown-like clean-up
		_mc_cleanup_cgroups
		rm -rf -- "${MC_RUN_DIR:?}/c1"
		proc_alive "$SLEEPER"
	done <<EOF

abc
99999999999999999999999 1 x
$SLEEPER
$SLEEPER abc $(boot_id)
$SLEEPER $(proc_starttime "$SLEEPER")
$(head -c 3000 /dev/zero | tr '\0' 7)
EOF
}

@test "a state directory that is a symlink is never followed" {
	local target=$MC_TMP/target
	mkdir -m 700 "$target"
	echo precious >"$target/limits"
	echo precious >"$target/keep"
	ln -s "$target" "$MC_RUN_DIR/evil"
	run_f mc-destroy evil
	((status != 0 && status < 128)) || fail "mc-destroy evil: $status"
	run_f mc-usage evil
	((status != 0 && status < 128)) || fail "mc-usage evil: $status"
	run_f mc-prepare evil
	((status != 0 && status < 128)) || fail "mc-prepare evil: $status"
	run_f mc-recover
	((status < 128)) || fail "mc-recover: $status"
	[[ $(cat "$target/limits") == precious ]]
	[[ $(cat "$target/keep") == precious ]]
	[[ $(ls -A "$target" | sort | tr '\n' ' ') == "keep limits " ]]
}

@test "racing 8 mc-prepare of one ID: exactly one wins, the others get 4" {
	local i pids=() rc ok=0 conflict=0 other=""
	for i in 1 2 3 4 5 6 7 8; do
		(
			rc=0
			timeout 30 mc-prepare race --pids 10 >/dev/null 2>&1 || rc=$?
			echo "$rc" >"$MC_TMP/rc.$i"
		) 3>&- &
		pids+=($!)
	done
	wait "${pids[@]}"
	for i in 1 2 3 4 5 6 7 8; do
		rc=$(cat "$MC_TMP/rc.$i")
		case $rc in
		0) ok=$((ok + 1)) ;;
		4) conflict=$((conflict + 1)) ;;
		*) other+=" $rc" ;;
		esac
	done
	((ok == 1 && conflict == 7)) ||
		fail "winners $ok, conflicts $conflict, other exit codes:$other"
	local d
	for d in $(expected_dirs race); do
		[[ -d $d ]]
	done
	[[ $(cg_read pids race pids.max) == 10 ]]
	run_f mc-destroy race
	assert_success
	assert_no_leftovers
}

@test "racing 8 mc-prepare of different IDs under a new root: all succeed" {
	local i pids=() rc
	for i in 1 2 3 4 5 6 7 8; do
		(
			rc=0
			timeout 30 mc-prepare "r$i" >/dev/null 2>"$MC_TMP/err.$i" || rc=$?
			echo "$rc" >"$MC_TMP/rc.$i"
		) 3>&- &
		pids+=($!)
	done
	wait "${pids[@]}"
	for i in 1 2 3 4 5 6 7 8; do
		rc=$(cat "$MC_TMP/rc.$i")
		((rc == 0)) || fail "mc-prepare r$i: $rc $(cat "$MC_TMP/err.$i")"
		[[ -d $MC_RUN_DIR/r$i ]]
	done
}

@test "racing 4 mc-launch of one container: one child only" {
	timeout 30 mc-prepare c1
	local i pids=() rc ok=0 conflict=0 other=""
	for i in 1 2 3 4; do
		(
			rc=0
			timeout 30 mc-launch --detach c1 -- sleep 100 \
				>"$MC_TMP/out.$i" 2>&1 </dev/null || rc=$?
			echo "$rc" >"$MC_TMP/rc.$i"
		) 3>&- &
		pids+=($!)
	done
	wait "${pids[@]}"
	for i in 1 2 3 4; do
		rc=$(cat "$MC_TMP/rc.$i")
		case $rc in
		0) ok=$((ok + 1)) ;;
		4) conflict=$((conflict + 1)) ;;
		*) other+=" $rc" ;;
		esac
	done
	((ok == 1 && conflict == 3)) ||
		fail "winners $ok, conflicts $conflict, other exit codes:$other"
	[[ $(cg_procs c1 | wc -l) == 1 ]] || fail "children: $(cg_procs c1)"
}

@test "racing 4 mc-isolate of one container: the command runs once" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- sh -c 'echo once >>"$1"; sleep 100' sh "$MC_TMP/count"
	local i pids=() rc ok=0
	for i in 1 2 3 4; do
		(
			rc=0
			timeout 30 mc-isolate c1 >/dev/null 2>&1 || rc=$?
			echo "$rc" >"$MC_TMP/rc.$i"
		) 3>&- &
		pids+=($!)
	done
	wait "${pids[@]}"
	for i in 1 2 3 4; do
		rc=$(cat "$MC_TMP/rc.$i")
		((rc < 128)) || fail "mc-isolate crashed: $rc"
		((rc == 0)) && ok=$((ok + 1))
	done
	((ok == 1)) || fail "$ok isolates succeeded"
	wait_for test -s "$MC_TMP/count"
	sleep 0.5
	[[ $(wc -l <"$MC_TMP/count") == 1 ]]
}

@test "racing 4 mc-destroy of one running container: one wins, nothing left" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- "$payload" procs 3
	run_f mc-isolate c1
	assert_success
	wait_for grep -qx ready "$MC_RUN_DIR/c1/stdout"
	local inside
	inside=$(cg_procs c1)
	local i pids=() rc ok=0 other=""
	for i in 1 2 3 4; do
		(
			rc=0
			timeout 30 mc-destroy c1 >/dev/null 2>&1 || rc=$?
			echo "$rc" >"$MC_TMP/rc.$i"
		) 3>&- &
		pids+=($!)
	done
	wait "${pids[@]}"
	for i in 1 2 3 4; do
		rc=$(cat "$MC_TMP/rc.$i")
		case $rc in
		0) ok=$((ok + 1)) ;;
		3 | 4) ;;
		*) other+=" $rc" ;;
		esac
	done
	((ok == 1)) && [[ -z $other ]] ||
		fail "$ok succeeded, other exit codes:$other"
	# shellcheck disable=SC2086
	wait_for -t 5 all_dead $inside
	assert_no_leftovers
}

@test "prepare and destroy of one ID racing: never a half container" {
	local i
	for i in 1 2 3 4 5; do
		(timeout 30 mc-prepare c1 >/dev/null 2>&1; true) 3>&- &
		(timeout 30 mc-destroy c1 >/dev/null 2>&1; true) 3>&- &
		wait
	done
	# either a whole container or none at all
	if [[ -d $MC_RUN_DIR/c1 ]]; then
		local d
		for d in $(expected_dirs c1); do
			[[ -d $d ]] || fail "state without cgroup $d"
		done
		run_f mc-destroy c1
		assert_success
	fi
	assert_no_leftovers
}

@test "end-of-file on the release FIFO aborts: the command never runs" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- touch "$MC_TMP/ran"
	local fifo=$MC_RUN_DIR/c1/release
	[[ -p $fifo ]]
	# open for writing, write nothing, close
	timeout 5 sh -c ': >"$1"' sh "$fifo"
	wait_for -t 5 proc_dead "$LAUNCH_PID"
	sleep 0.3
	[[ ! -e $MC_TMP/ran ]] || fail "the command ran without a release"
}

# as_nobody CMD...: run CMD as an unprivileged user.
as_nobody() {
	run_f setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

nobody_can_run() {
	local p
	run_f setpriv --reuid=65534 --regid=65534 --clear-groups true
	((status == 0)) || return 1
	for p in mc-prepare mc-launch mc-isolate mc-usage mc-destroy mc-recover mc-run; do
		run_f setpriv --reuid=65534 --regid=65534 --clear-groups \
			test -x "$(command -v "$p")"
		((status == 0)) || return 1
	done
}

check_unprivileged() {
	local prog=$1
	shift
	as_nobody "$prog" "$@"
	((status == 1 || status == 2)) ||
		fail "$prog $* as nobody: exit $status, expected 1 (or 2): $stderr"
	assert_error "$prog"
}

@test "an unprivileged caller gets exit 1 with a one-line message, nothing changes" {
	nobody_can_run || skip "user nobody cannot execute the programs in $MC_BUILDDIR/tools"
	timeout 30 mc-prepare c1 --pids 10
	launch_detached c1 -- sleep 100
	local child=$LAUNCH_PID
	check_unprivileged mc-prepare c2
	check_unprivileged mc-launch c1 -- true
	check_unprivileged mc-isolate --timeout 1 c1
	check_unprivileged mc-usage c1
	check_unprivileged mc-usage --all
	check_unprivileged mc-destroy c1
	check_unprivileged mc-recover
	as_nobody mc-run -- true
	((status >= 1 && status < 128)) || fail "mc-run as nobody: exit $status"
	# nothing changed
	[[ -d $MC_RUN_DIR/c1 && ! -e $MC_RUN_DIR/c2 ]]
	[[ ! -e $MC_RUN_DIR/c1/released ]]
	proc_alive "$child"
	[[ $(cg_read pids c1 pids.max) == 10 ]]
	[[ -z $(cg_container_dirs c2) ]]
}

@test "an unprivileged caller with its own run dir still cannot create cgroups (1)" {
	nobody_can_run || skip "user nobody cannot execute the programs in $MC_BUILDDIR/tools"
	local own=$MC_TMP/nobody-run
	mkdir -m 700 "$own"
	chown 65534:65534 "$own"
	chmod 755 "$MC_TMP"
	run_f setpriv --reuid=65534 --regid=65534 --clear-groups \
		env MC_RUN_DIR="$own" mc-prepare c1 --pids 10
	((status == 1)) || fail "exit $status, expected 1: $stderr"
	assert_error mc-prepare c1
	[[ ! -e $own/c1 ]] || fail "state left behind: $(ls -A "$own")"
	assert_no_leftovers
}
