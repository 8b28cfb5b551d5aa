#!/usr/bin/env bats
# Hostile inputs: run and state directories that are symlinks, foreign or
# open to others; state files truncated, empty, huge or garbage; pid files
# aimed at an outside process; cgroup root names and IDs that try to leave
# their place or collide with the kernel's files; arguments and environment
# variables of extreme length.  Nothing may crash a program (exit >= 128),
# follow a link, create anything outside its place, or signal a process
# that is not the container's.

load helper

# The programs that take a container ID.
ID_TOOLS="mc-prepare mc-launch mc-isolate mc-usage mc-update mc-destroy"

# The outside process of a test (SLEEPER, its start time SLEEPER_START):
# started by the test, in none of its cgroups, killed by teardown.
SLEEPER=
SLEEPER_START=

start_sleeper() {
	sleep 1000 </dev/null >/dev/null 2>&1 3>&- &
	SLEEPER=$!
	wait_for test -n "$(proc_starttime "$SLEEPER")"
	SLEEPER_START=$(proc_starttime "$SLEEPER")
	SLEEPER_CGROUP=$(cat "/proc/$SLEEPER/cgroup")
}

teardown() {
	# our own sleeper only, and only while it is still the same process
	if [[ -n $SLEEPER && $(proc_starttime "$SLEEPER") == "$SLEEPER_START" ]]; then
		kill -KILL "$SLEEPER" 2>/dev/null || true
		wait "$SLEEPER" 2>/dev/null || true
	fi
	_mc_cleanup || true
	return 0
}

# The sleeper lives on where it was, untouched.
assert_sleeper_untouched() {
	sleep 0.3
	proc_alive "$SLEEPER" || fail "the outside process $SLEEPER was killed"
	[[ $(proc_starttime "$SLEEPER") == "$SLEEPER_START" ]] ||
		fail "the outside process $SLEEPER was replaced"
	[[ $(cat "/proc/$SLEEPER/cgroup") == "$SLEEPER_CGROUP" ]] ||
		fail "the outside process was moved: $(cat "/proc/$SLEEPER/cgroup")"
}

# on_id TOOL ID [OPTION...]: run TOOL on container ID with run_f, the way
# it is normally called (a command for mc-launch, a limit for mc-update).
on_id() {
	local tool=$1 id=$2
	shift 2
	case $tool in
	mc-launch) run_f mc-launch --detach "$@" "$id" -- sleep 100 ;;
	mc-isolate) run_f mc-isolate --timeout 1 "$@" "$id" ;;
	mc-update) run_f mc-update "$@" "$id" --mem 64M ;;
	*) run_f "$tool" "$@" "$id" ;;
	esac
}

# Exit status of a clean refusal: not 0, not a crash.
assert_refused() {
	((status != 0)) || fail "$BATS_RUN_COMMAND: succeeded, expected a refusal"
	((status < 128)) || fail "$BATS_RUN_COMMAND: crashed with $status: $stderr"
	((${#stderr_lines[@]} == 1)) ||
		fail "$BATS_RUN_COMMAND: expected one line on stderr, got: $stderr"
}

assert_no_crash() {
	((status < 128)) || fail "$BATS_RUN_COMMAND: crashed with $status: $stderr"
}

# No cgroup named NAME anywhere near the cgroup mounts (where a name that
# climbs out of its root would land), none under /sys either.
assert_no_cgroup_named() {
	local found
	found=$(find /sys/fs/cgroup -maxdepth 3 -name "$1" 2>/dev/null)
	[[ -z $found ]] || fail "created: $found"
	[[ ! -e /sys/$1 && ! -e /sys/fs/$1 ]] || fail "created /sys/.../$1"
}

# The executor's processes (for "they are gone after destroy").
all_dead() {
	local p
	for p in "$@"; do
		proc_dead "$p" || return 1
	done
}

# ---------------------------------------------------------------------------
# the run directory

@test "a run directory that is a symlink is refused by every program, nothing followed" {
	local real=$MC_TMP/real tool
	mkdir -m 700 "$real"
	echo precious >"$real/keep"
	ln -s "$real" "$MC_TMP/link"
	for tool in $ID_TOOLS; do
		on_id "$tool" c1 --run-dir "$MC_TMP/link"
		assert_refused
		((status == 1)) || fail "$tool: exit $status, expected 1: $stderr"
		[[ $stderr == *symlink* ]] || fail "$tool: unclear error: $stderr"
	done
	for tool in mc-list mc-recover; do
		run_f "$tool" --run-dir "$MC_TMP/link"
		assert_refused
		((status == 1)) || fail "$tool: exit $status, expected 1: $stderr"
	done
	# the same through MC_RUN_DIR
	MC_RUN_DIR=$MC_TMP/link run_f mc-prepare c1
	((status == 1)) || fail "MC_RUN_DIR=link mc-prepare: exit $status"
	[[ $(ls -A "$real") == keep && $(cat "$real/keep") == precious ]] ||
		fail "the symlink was followed: $(ls -A "$real")"
	assert_nothing_created
}

@test "a run directory that is a dangling symlink is refused, its target never created" {
	ln -s "$MC_TMP/nowhere" "$MC_TMP/dangling"
	run_f mc-prepare --run-dir "$MC_TMP/dangling" c1
	assert_refused
	((status == 1)) || fail "exit $status, expected 1"
	[[ ! -e $MC_TMP/nowhere ]] || fail "created the symlink's target"
	assert_nothing_created
}

@test "a run directory owned by another user or open to others is refused" {
	local run=$MC_TMP/run tool
	mkdir -m 700 "$run"
	chown 65534 "$run"
	for tool in $ID_TOOLS; do
		on_id "$tool" c1 --run-dir "$run"
		assert_refused
		((status == 1)) || fail "$tool: exit $status, expected 1: $stderr"
		[[ $stderr == *"owned by uid 65534"* ]] || fail "$tool: unclear error: $stderr"
	done
	chown 0 "$run"
	for mode in 0777 0770 0722; do
		chmod "$mode" "$run"
		for tool in $ID_TOOLS mc-list mc-recover; do
			if [[ $tool == mc-list || $tool == mc-recover ]]; then
				run_f "$tool" --run-dir "$run"
			else
				on_id "$tool" c1 --run-dir "$run"
			fi
			assert_refused
			((status == 1)) || fail "$tool ($mode): exit $status, expected 1: $stderr"
			[[ $stderr == *"writable by group or others"* ]] ||
				fail "$tool ($mode): unclear error: $stderr"
		done
	done
	[[ -z $(ls -A "$run") ]] || fail "created in the run directory: $(ls -A "$run")"
	assert_nothing_created
}

# ---------------------------------------------------------------------------
# the state directory RUN/ID

@test "a state directory that is a symlink to another directory is refused by every program" {
	local target=$MC_TMP/target tool
	mkdir -m 700 "$target"
	echo 'mem=1048576' >"$target/limits"
	echo keep >"$target/keep"
	ln -s "$target" "$MC_RUN_DIR/evil"
	for tool in $ID_TOOLS; do
		on_id "$tool" evil
		assert_refused
		[[ -z $(cg_container_dirs evil) ]] || fail "$tool created cgroups for evil"
	done
	run_f mc-list
	assert_no_crash
	run_f mc-recover
	assert_no_crash
	[[ $(ls -A "$target" | sort | tr '\n' ' ') == "keep limits " ]] ||
		fail "the target was changed: $(ls -A "$target")"
	[[ $(cat "$target/limits") == mem=1048576 && $(cat "$target/keep") == keep ]]
	[[ -z $(cg_container_dirs evil) ]] || fail "cgroups created for evil"
}

@test "a state directory not owned by root is refused with a clear error; owned again, it is destroyed" {
	start_container c1 sleep 1000
	local inside tool
	inside=$(cg_procs c1)
	chown 65534 "$MC_RUN_DIR/c1"
	for tool in mc-launch mc-isolate mc-usage mc-update mc-destroy; do
		on_id "$tool" c1
		assert_refused
		((status == 1)) || fail "$tool: exit $status, expected 1: $stderr"
		[[ $stderr == "$tool: c1: "*"owned by uid 65534"* ]] ||
			fail "$tool: unclear error: $stderr"
	done
	run_f mc-recover
	assert_no_crash
	run_f mc-list
	assert_no_crash
	# shellcheck disable=SC2086
	all_dead $inside && fail "the container's processes died with its state refused"
	chown 0 "$MC_RUN_DIR/c1"
	run_f mc-destroy c1
	assert_success
	# shellcheck disable=SC2086
	wait_for -t 5 all_dead $inside
	assert_no_leftovers
}

@test "a state directory writable by group or others is refused with a clear error" {
	start_container c1 sleep 1000
	local mode tool
	for mode in 0777 0770 0702; do
		chmod "$mode" "$MC_RUN_DIR/c1"
		for tool in mc-launch mc-isolate mc-usage mc-update mc-destroy; do
			on_id "$tool" c1
			assert_refused
			((status == 1)) || fail "$tool ($mode): exit $status, expected 1: $stderr"
			[[ $stderr == "$tool: c1: "*"writable by group or others"* ]] ||
				fail "$tool ($mode): unclear error: $stderr"
		done
		run_f mc-recover
		assert_no_crash
	done
	chmod 0700 "$MC_RUN_DIR/c1"
	run_f mc-destroy c1
	assert_success
	assert_no_leftovers
}

# ---------------------------------------------------------------------------
# damaged state files

# damage FILE KIND: replace state file FILE of c1 by a damaged one.
damage() {
	local f=$MC_RUN_DIR/c1/$1 good
	good=$(cat "$f" 2>/dev/null || true)
	case $2 in
	truncated)
		# cut inside the first line, the newline lost
		good=${good:-exited 0}
		printf '%s' "${good:0:$(((${#good} + 1) / 2))}" >"$f"
		;;
	empty) : >"$f" ;;
	huge) head -c 2097152 /dev/zero | tr '\0' 7 >"$f" ;;
	garbage)
		printf '\x7fELF\x01\n%%s%%n%%x=\xff\xfe\n=\n\033[2J\x07 -1 -1 \n' >"$f"
		printf 'mem=%s\n' "$(head -c 300 /dev/zero | tr '\0' 9)" >>"$f"
		;;
	*) fail "damage: unknown kind $2" ;;
	esac
}

# check_damaged FILE: for each kind of damage to FILE of a running container
# c1, every program either works or fails with one line naming FILE, none
# crashes, and mc-destroy still removes the container and its processes.
check_damaged() {
	local file=$1 kind inside tool
	for kind in truncated empty huge garbage; do
		start_container c1 "$payload" procs 2
		wait_for grep -qx ready "$MC_RUN_DIR/c1/stdout"
		inside=$(cg_procs c1)
		[[ -n $inside ]] || fail "no processes in c1"
		if [[ $file == exit ]]; then
			echo 'exited 0' >"$MC_RUN_DIR/c1/exit"
		fi
		damage "$file" "$kind"
		if [[ $file == limits ]]; then
			# the kernel's figures are still there, with a warning
			on_id mc-usage c1
			assert_success
			[[ $output == *'"processes":'* && $output != *cpus_limit* ]] ||
				fail "mc-usage (limits $kind): $output"
			# (an empty file is a container without limits)
			[[ $kind == empty || $stderr == "mc-usage: warning: c1: "*limits*"left out" ]] ||
				fail "mc-usage (limits $kind): no clear warning: $stderr"
		fi
		for tool in mc-usage mc-update; do
			on_id "$tool" c1
			assert_no_crash
			if ((status != 0)); then
				((${#stderr_lines[@]} == 1)) ||
					fail "$tool ($file $kind): not one line: $stderr"
				[[ $stderr == "$tool: c1: "*"$file"* ]] ||
					fail "$tool ($file $kind): the error does not name $file: $stderr"
			fi
		done
		on_id mc-isolate c1
		assert_no_crash
		run_f mc-list
		assert_no_crash
		run_f mc-list --format json
		assert_no_crash
		run_f mc-usage --all
		assert_no_crash
		run_f mc-recover --dry-run
		assert_no_crash
		run_f mc-destroy c1
		assert_success
		# shellcheck disable=SC2086
		wait_for -t 5 all_dead $inside ||
			fail "processes left after destroy ($file $kind)"
		assert_no_leftovers
	done
}

@test "a limits file truncated, empty, huge or garbage: clear errors, destroy still works" {
	check_damaged limits
}

@test "a pid file truncated, empty, huge or garbage: clear errors, destroy still works" {
	check_damaged pid
}

@test "an exit file truncated, empty, huge or garbage: clear errors, destroy still works" {
	check_damaged exit
}

@test "state files that are symlinks are neither read nor written through" {
	start_container c1 sleep 1000
	local target=$MC_TMP/outside f inside
	inside=$(cg_procs c1)
	for f in limits pid exit released; do
		echo precious >"$target.$f"
		rm -f "$MC_RUN_DIR/c1/$f"
		ln -s "$target.$f" "$MC_RUN_DIR/c1/$f"
	done
	on_id mc-usage c1
	assert_no_crash
	if ((status != 0)); then
		[[ $stderr == "mc-usage: c1: "*symlink* ]] || fail "unclear error: $stderr"
	fi
	on_id mc-update c1
	assert_refused
	[[ $stderr == "mc-update: c1: "*"limits is a symlink"* ]] || fail "unclear error: $stderr"
	on_id mc-isolate c1
	assert_no_crash
	run_f mc-list
	assert_no_crash
	run_f mc-recover --dry-run
	assert_no_crash
	run_f mc-destroy c1
	assert_success
	# shellcheck disable=SC2086
	wait_for -t 5 all_dead $inside
	for f in limits pid exit released; do
		[[ $(cat "$target.$f") == precious ]] || fail "written through the $f link"
	done
	assert_no_leftovers
}

@test "a damaged limits file is named in the error of mc-update and the warning of mc-usage" {
	timeout 30 mc-prepare --mem 64M c1
	printf 'mem=67108864\ncpus=zz\n' >"$MC_RUN_DIR/c1/limits"
	run_f mc-update c1 --mem 32M
	((status == 1)) || fail "exit $status, expected 1"
	assert_error mc-update c1
	[[ $stderr == *"state file limits"* ]] || fail "unclear: $stderr"
	head -c 2097152 /dev/zero >"$MC_RUN_DIR/c1/limits"
	# the kernel's figures still come, the two from the file do not
	run_f mc-usage c1
	assert_success
	[[ $output == *'"mem_limit_bytes":67108864'* && $output != *cpus_limit* ]] ||
		fail "mc-usage: $output"
	((${#stderr_lines[@]} == 1)) || fail "not one line: $stderr"
	[[ $stderr == "mc-usage: warning: c1: "*"state file limits"* ]] || fail "unclear: $stderr"
	run_f mc-destroy c1
	assert_success
	assert_no_leftovers
}

@test "the exit reason is shown without the control characters it holds" {
	timeout 30 mc-prepare c1
	printf 'exited 3\nreason: \033[2J\033]0;owned\007 done\n' >"$MC_RUN_DIR/c1/exit"
	run_f mc-list
	assert_success
	[[ $output != *$'\033'* && $output != *$'\007'* ]] ||
		fail "control characters reach the terminal: $(printf '%q' "$output")"
	[[ $output == *"exited 3"* ]] || fail "no exit status: $output"
}

# ---------------------------------------------------------------------------
# pid files aimed at an outside process

@test "a pid file naming an outside process: destroy, recover and isolate never touch it" {
	local forged
	start_sleeper
	forged="$SLEEPER $SLEEPER_START $(boot_id)"
	# prepared, never launched
	timeout 30 mc-prepare c1
	echo "$forged" >"$MC_RUN_DIR/c1/pid"
	run_f mc-isolate --timeout 1 c1
	assert_refused
	assert_sleeper_untouched
	run_f mc-destroy c1
	assert_success
	assert_sleeper_untouched
	# launched and waiting for its release
	timeout 30 mc-prepare c2
	launch_detached c2 -- sleep 100
	local child=$LAUNCH_PID
	echo "$forged" >"$MC_RUN_DIR/c2/pid"
	run_f mc-isolate --timeout 1 c2
	assert_refused
	assert_sleeper_untouched
	run_f mc-recover
	assert_no_crash
	assert_sleeper_untouched
	run_f mc-destroy c2
	assert_no_crash
	wait_for -t 5 proc_dead "$child"
	assert_sleeper_untouched
	# running
	start_container c3 sleep 1000
	local inside
	inside=$(cg_procs c3)
	echo "$forged" >"$MC_RUN_DIR/c3/pid"
	run_f mc-recover
	assert_no_crash
	assert_sleeper_untouched
	run_f mc-isolate --timeout 1 c3
	assert_refused
	assert_sleeper_untouched
	run_f mc-destroy c3
	assert_success
	# shellcheck disable=SC2086
	wait_for -t 5 all_dead $inside
	assert_sleeper_untouched
	# whatever recover still finds to do
	run_f mc-recover
	assert_no_crash
	assert_sleeper_untouched
	assert_no_leftovers
}

# ---------------------------------------------------------------------------
# cgroup root names and IDs

@test "cgroup root names '..', 'a/b', '../../x' and '' are refused (2), nothing created" {
	local id=${MC_CGROUP_ROOT}-id root tool
	for root in .. "$MC_ESCAPE/b" "../../$MC_ESCAPE" "" . "$MC_ESCAPE/.." tasks cgroup.procs; do
		for tool in $ID_TOOLS; do
			on_id "$tool" "$id" --cgroup-root "$root"
			((status == 2)) || fail "$tool --cgroup-root '$root': exit $status: $stderr"
			((${#stderr_lines[@]} == 1)) || fail "$tool: not one line: $stderr"
		done
		for tool in mc-list mc-recover; do
			run_f "$tool" --cgroup-root "$root"
			((status == 2)) || fail "$tool --cgroup-root '$root': exit $status: $stderr"
		done
		[[ -z $root ]] && continue
		MC_CGROUP_ROOT=$root run_f mc-prepare "$id"
		((status == 2)) || fail "MC_CGROUP_ROOT='$root' mc-prepare: exit $status: $stderr"
	done
	assert_no_cgroup_named "$id"
	assert_no_cgroup_named "$MC_ESCAPE"
	assert_no_cgroup_named b
	[[ -z $(ls -A "$MC_RUN_DIR") ]] || fail "state created: $(ls -A "$MC_RUN_DIR")"
	assert_nothing_created
}

@test "IDs named like cgroup control files are refused (2) by every program, nothing created" {
	local id tool before
	# a root that exists, with its own control files, to collide with
	timeout 30 mc-prepare c0
	before=$(cg_read memory c0 ../tasks 2>/dev/null || true)
	for id in cgroup.procs tasks memory.max cpu.shares notify_on_release \
		cgroup.subtree_control memory.limit_in_bytes release_agent pids.max \
		cpuset.cpus freezer.state cgroup.kill io.max; do
		for tool in $ID_TOOLS; do
			on_id "$tool" "$id"
			((status == 2)) || fail "$tool $id: exit $status, expected 2: $stderr"
			((${#stderr_lines[@]} == 1)) || fail "$tool $id: not one line: $stderr"
		done
		[[ ! -e $MC_RUN_DIR/$id ]] || fail "state created for $id"
	done
	[[ $(cg_read memory c0 ../tasks 2>/dev/null || true) == "$before" ]] ||
		fail "the root's tasks file changed"
	run_f mc-destroy c0
	assert_success
	assert_no_leftovers
}

# ---------------------------------------------------------------------------
# extreme lengths

# The last run_f/on_id failed with one short line: a usage error names
# the bad value, it does not repeat 100 kB of it.
assert_short_error() {
	((${#stderr_lines[@]} == 1)) || fail "$1: not one line"
	((${#stderr} < 1000)) || fail "$1: the error repeats the whole value (${#stderr} bytes)"
}

@test "arguments of 100 kB give a clean usage error, never a crash" {
	local big tool opt
	big=$(head -c 102400 /dev/zero | tr '\0' a)
	# as the container ID
	for tool in $ID_TOOLS; do
		on_id "$tool" "$big"
		((status == 2)) || fail "$tool BIG_ID: exit $status: ${stderr:0:200}"
		assert_short_error "$tool BIG_ID"
	done
	# as --run-dir and --cgroup-root
	for opt in --run-dir --cgroup-root; do
		for tool in $ID_TOOLS; do
			on_id "$tool" c1 "$opt" "$big"
			((status == 2)) || fail "$tool $opt BIG: exit $status: ${stderr:0:200}"
			assert_short_error "$tool $opt"
		done
		for tool in mc-list mc-recover; do
			run_f "$tool" "$opt" "$big"
			((status == 2)) || fail "$tool $opt BIG: exit $status: ${stderr:0:200}"
			assert_short_error "$tool $opt"
		done
	done
	# as option values
	for opt in --cpus --cpu-limit --mem --mem-soft --swap --pids --cpuset; do
		run_f mc-prepare c1 "$opt" "$(head -c 102400 /dev/zero | tr '\0' 9)"
		((status == 2)) || fail "mc-prepare $opt BIG: exit $status: ${stderr:0:200}"
		assert_short_error "mc-prepare $opt"
	done
	run_f mc-prepare c1 --cpuset "$(yes 0 | head -n 51200 | paste -sd,)"
	((status == 2)) || fail "mc-prepare --cpuset 0,0,...: exit $status"
	assert_short_error "mc-prepare --cpuset 0,0,..."
	run_f mc-destroy --timeout "$big" c1
	((status == 2)) || fail "mc-destroy --timeout BIG: exit $status"
	assert_short_error "mc-destroy --timeout"
	run_f mc-usage --watch "$big" c1
	((status == 2)) || fail "mc-usage --watch BIG: exit $status"
	assert_short_error "mc-usage --watch"
	run_f mc-usage --format "$big" c1
	((status == 2)) || fail "mc-usage --format BIG: exit $status"
	assert_short_error "mc-usage --format"
	for opt in --hostname --rlimit --namespaces --caps --seccomp --user --env; do
		run_f mc-launch --detach c1 "$opt" "$big" -- true
		((status == 2)) || fail "mc-launch $opt BIG: exit $status: ${stderr:0:200}"
		assert_short_error "mc-launch $opt"
	done
	assert_nothing_created
}

@test "launch options of 100 kB that are valid reach the executor or fail cleanly" {
	local big
	big=$(head -c 102400 /dev/zero | tr '\0' a)
	timeout 30 mc-prepare c1
	launch_detached c1 --env "BIG=$big" -- sh -c 'echo ${#BIG}'
	timeout 30 mc-isolate c1
	wait_for has_exited c1
	[[ $(cat "$MC_RUN_DIR/c1/stdout") == 102400 ]] ||
		fail "BIG did not arrive whole: $(cat "$MC_RUN_DIR/c1/stdout")"
	run_f mc-destroy c1
	assert_success
	# a working directory and an output file whose names are too long
	timeout 30 mc-prepare c2
	run_f mc-launch --detach --workdir "/$big" --stdout "$MC_TMP/$big" c2 -- true
	assert_no_crash
	if ((status == 0)); then
		run_f mc-isolate c2
		assert_no_crash
	fi
	run_f mc-destroy c2
	assert_success
	assert_no_leftovers
}

@test "MC_RUN_DIR and MC_CGROUP_ROOT of 5000 characters: a clean error, never a crash" {
	local long tool
	long=$MC_TMP/$(head -c 5000 /dev/zero | tr '\0' d)
	for tool in $ID_TOOLS; do
		MC_RUN_DIR=$long on_id "$tool" c1
		((status == 2)) || fail "$tool: exit $status: ${stderr:0:200}"
		((${#stderr_lines[@]} == 1)) || fail "$tool: not one line"
		MC_CGROUP_ROOT=${long##*/} on_id "$tool" c1
		((status == 2)) || fail "$tool: exit $status: ${stderr:0:200}"
		((${#stderr_lines[@]} == 1)) || fail "$tool: not one line"
	done
	for tool in mc-list mc-recover; do
		MC_RUN_DIR=$long run_f "$tool"
		((status == 2)) || fail "$tool: exit $status"
	done
	# long, but below the limit: a path the kernel refuses (a component
	# longer than NAME_MAX; more than PATH_MAX in all)
	long=$MC_TMP/$(head -c 300 /dev/zero | tr '\0' d)
	MC_RUN_DIR=$long run_f mc-prepare c1
	assert_refused
	long=$MC_TMP$(for i in $(seq 30); do printf '/%s' "$(head -c 130 /dev/zero | tr '\0' e)"; done)
	MC_RUN_DIR=${long:0:3990} run_f mc-prepare c1
	assert_refused
	assert_nothing_created
}
