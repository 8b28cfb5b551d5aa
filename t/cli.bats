#!/usr/bin/env bats
# Common options, exit codes, error format and ID validation of every program.

load helper

PROGRAMS="mc-prepare mc-launch mc-isolate mc-usage mc-destroy mc-recover mc-run"
ALL_PROGRAMS="$PROGRAMS mc-update mc-list"

check_help() {
	local opt
	for opt in --help -h; do
		run --separate-stderr timeout 30 "$1" "$opt"
		assert_success
		assert_output --partial "Usage"
	done
	assert_no_leftovers
}

check_version() {
	local opt
	for opt in --version -V; do
		run --separate-stderr timeout 30 "$1" "$opt"
		assert_success
		assert_output --regexp '[0-9]+\.[0-9]+\.[0-9]+'
		assert_output --partial "0.1.0"
	done
}

@test "mc-prepare --help and -h" { check_help mc-prepare; }
@test "mc-launch --help and -h" { check_help mc-launch; }
@test "mc-isolate --help and -h" { check_help mc-isolate; }
@test "mc-usage --help and -h" { check_help mc-usage; }
@test "mc-destroy --help and -h" { check_help mc-destroy; }
@test "mc-recover --help and -h" { check_help mc-recover; }
@test "mc-run --help and -h" { check_help mc-run; }

@test "mc-prepare --version and -V" { check_version mc-prepare; }
@test "mc-launch --version and -V" { check_version mc-launch; }
@test "mc-isolate --version and -V" { check_version mc-isolate; }
@test "mc-usage --version and -V" { check_version mc-usage; }
@test "mc-destroy --version and -V" { check_version mc-destroy; }
@test "mc-recover --version and -V" { check_version mc-recover; }
@test "mc-run --version and -V" { check_version mc-run; }

@test "an unknown option is a usage error (2) with one line on stderr, in every program" {
	local p
	for p in $PROGRAMS; do
		run --separate-stderr timeout 30 "$p" --no-such-option c1
		assert_failure 2
		assert_error "$p"
	done
	assert_no_leftovers
}

# refused PROG WHAT ARGS...: PROG refuses ARGS with exit 2 and the one
# line "PROG: WHAT (see PROG --help)", as every other usage error.
refused() {
	local prog=$1 what=$2
	shift 2
	run_f "$prog" "$@"
	if ((status != 2)); then
		fail "$prog $*: exit $status, expected 2 ($stderr)"
	fi
	assert_error "$prog"
	[[ $stderr == "$prog: $what (see $prog --help)" ]] ||
		fail "$prog $*: '$stderr', expected '$prog: $what (see $prog --help)'"
}

# One option of each program that takes a value, a long one and a letter.
value_option() {
	case $1 in
	mc-prepare | mc-run) echo --mem ;;
	mc-update) echo --pids ;;
	mc-launch) echo --user ;;
	mc-isolate | mc-destroy) echo --timeout ;;
	mc-recover) echo --format ;;
	mc-usage) echo --watch ;;
	mc-list) echo --format ;;
	esac
}
value_letter() {
	case $1 in
	mc-isolate | mc-destroy | mc-recover) echo -t ;;
	mc-usage | mc-list) echo -f ;;
	esac
}

@test "unknown options and missing values: one line with the --help hint, exit 2, in every program" {
	local p opt
	for p in $ALL_PROGRAMS; do
		refused "$p" "unknown option '--frobnicate'" --frobnicate c1
		refused "$p" "unknown option '-x'" -x c1
		opt=$(value_option "$p")
		refused "$p" "option '$opt' needs a value" "$opt"
		refused "$p" "option '--run-dir' needs a value" --verbose --run-dir
		opt=$(value_letter "$p")
		if [[ -n $opt ]]; then
			refused "$p" "option '$opt' needs a value" -v "$opt"
		fi
	done
	assert_no_leftovers
}

@test "refused options are named as given: after the ID, in a group of letters, with a value" {
	local p
	for p in mc-prepare mc-isolate mc-usage mc-destroy; do
		refused "$p" "unknown option '--frobnicate'" c1 --frobnicate=3
		refused "$p" "unknown option '-q'" -vq c1
		refused "$p" "option '--verbose' takes no value" --verbose=yes c1
	done
	refused mc-prepare "option '--c' is ambiguous" --c 1 c1
	refused mc-list "unknown option '--frobnicate'" --verbose --frobnicate
	refused mc-run "unknown option '-q'" --mem 16M -q -- true
	# a launch option mc-run does not know is mc-launch's to refuse
	refused mc-launch "unknown option '--frobnicate'" --frobnicate=1 c1 -- true
	assert_no_leftovers
}

@test "a missing container ID is a usage error (2)" {
	local p
	for p in mc-prepare mc-isolate mc-destroy; do
		run --separate-stderr timeout 30 "$p"
		assert_failure 2
		assert_error "$p"
	done
	run --separate-stderr timeout 30 mc-launch
	assert_failure 2
	assert_error mc-launch
	assert_no_leftovers
}

@test "mc-launch without a command is a usage error (2)" {
	timeout 30 mc-prepare c1
	run --separate-stderr timeout 30 mc-launch c1
	assert_failure 2
	assert_error mc-launch
	run --separate-stderr timeout 30 mc-launch c1 --
	assert_failure 2
	assert_error mc-launch
	[[ ! -e $MC_RUN_DIR/c1/pid ]]
}

@test "mc-run without a command is a usage error (2) and creates nothing" {
	run --separate-stderr timeout 30 mc-run
	assert_failure 2
	run --separate-stderr timeout 30 mc-run --
	assert_failure 2
	assert_no_leftovers
}

# The bad IDs of the contract; "../x" uses a name unique to the test so that
# whatever a faulty program creates there is the test's own.
bad_ids() {
	printf '%s\n' "../$MC_ESCAPE" "a/b" ".x" "$(printf 'a%.0s' {1..65})" "" \
		"x y" "a:b" "-x"
}

check_bad_ids() {
	local prog=$1 id
	shift
	while IFS= read -r id; do
		case $prog in
		mc-launch) run --separate-stderr timeout 30 mc-launch "$id" -- true ;;
		mc-run) run --separate-stderr timeout 30 mc-run --id "$id" -- true ;;
		*) run --separate-stderr timeout 30 "$prog" "$@" -- "$id" ;;
		esac
		if ((status != 2)); then
			fail "$prog with ID '$id': exit $status, expected 2 ($stderr)"
		fi
		if [[ $prog == mc-run ]]; then
			# a script: the message may come from the step that failed
			[[ ${#stderr_lines[@]} == 1 && $stderr =~ ^mc-(run|prepare):\  ]] ||
				fail "mc-run '$id': not one line 'mc-run: ...': $stderr"
		else
			assert_error "$prog"
		fi
		assert_no_leftovers
	done < <(bad_ids)
}

@test "mc-prepare refuses bad IDs (2) and creates nothing" {
	check_bad_ids mc-prepare
	check_bad_ids mc-prepare --pids 10 --mem 16M
}

@test "mc-launch refuses bad IDs (2)" { check_bad_ids mc-launch; }
@test "mc-isolate refuses bad IDs (2)" { check_bad_ids mc-isolate; }
@test "mc-usage refuses bad IDs (2)" { check_bad_ids mc-usage; }
@test "mc-destroy refuses bad IDs (2)" { check_bad_ids mc-destroy; }
@test "mc-run refuses bad IDs (2) and creates nothing" { check_bad_ids mc-run; }

@test "IDs named like cgroup control files are refused (2)" {
	local id
	for id in cgroup.procs tasks memory.max notify_on_release release_agent \
		cgroup.subtree_control cpu.shares; do
		run --separate-stderr timeout 30 mc-prepare "$id"
		if ((status != 2)); then
			fail "mc-prepare '$id': exit $status, expected 2"
		fi
		assert_error mc-prepare
		assert_no_leftovers
	done
}

@test "valid IDs: one character, every allowed character, 64 characters" {
	local long id
	long=$(printf 'b%.0s' {1..64})
	for id in a 9 A_b.c-9 x.. "$long"; do
		run --separate-stderr timeout 30 mc-prepare "$id"
		assert_success
		[[ -d $MC_RUN_DIR/$id ]]
		run --separate-stderr timeout 30 mc-destroy "$id"
		assert_success
	done
	assert_no_leftovers
}

@test "options may stand before or after the ID" {
	run --separate-stderr timeout 30 mc-prepare --pids 11 before
	assert_success
	run --separate-stderr timeout 30 mc-prepare after --pids 12
	assert_success
	[[ $(cg_read pids before pids.max) == 11 ]]
	[[ $(cg_read pids after pids.max) == 12 ]]
	run --separate-stderr timeout 30 mc-destroy --timeout 10 before
	assert_success
	run --separate-stderr timeout 30 mc-destroy after --timeout 10
	assert_success
	assert_no_leftovers
}

@test "--run-dir and --cgroup-root stand in for MC_RUN_DIR and MC_CGROUP_ROOT" {
	local bare=(env -u MC_RUN_DIR -u MC_CGROUP_ROOT timeout 30)
	local opts=(--run-dir "$MC_RUN_DIR" --cgroup-root "$MC_CGROUP_ROOT")
	run --separate-stderr "${bare[@]}" mc-prepare "${opts[@]}" c1
	assert_success
	[[ -d $MC_RUN_DIR/c1 ]]
	[[ -d $(cg_path pids c1) ]]
	run --separate-stderr "${bare[@]}" mc-usage c1 "${opts[@]}"
	assert_success
	assert_output --partial '"c1"'
	run --separate-stderr "${bare[@]}" mc-destroy "${opts[@]}" c1
	assert_success
	assert_no_leftovers
}

@test "the environment variables select run dir and cgroup root" {
	run --separate-stderr timeout 30 mc-prepare c1
	assert_success
	[[ -d $MC_RUN_DIR/c1 ]]
	[[ -d $(cg_path freezer c1) ]]
	# another root and run dir see nothing of it
	mkdir -m 700 "$MC_TMP/other"
	run --separate-stderr env MC_CGROUP_ROOT="$MC_ESCAPE" \
		MC_RUN_DIR="$MC_TMP/other" timeout 30 mc-destroy c1
	assert_failure 3
	[[ -d $MC_RUN_DIR/c1 ]]
}

@test "the programs are silent on success" {
	run --separate-stderr timeout 30 mc-prepare c1 --pids 10
	assert_success
	assert_output ""
	[[ -z $stderr ]]
	run --separate-stderr timeout 30 mc-destroy c1
	assert_success
	assert_output ""
	[[ -z $stderr ]]
}

@test "--verbose tells on stderr what was done, stdout stays clean" {
	run --separate-stderr timeout 30 mc-prepare --verbose c1 --pids 10
	assert_success
	assert_output ""
	[[ -n $stderr ]]
	run --separate-stderr timeout 30 mc-destroy --verbose c1
	assert_success
	assert_output ""
	[[ -n $stderr ]]
	assert_no_leftovers
}

@test "no such container: exit 3 and 'mc-TOOL: ID: what: why' in every program" {
	run --separate-stderr timeout 30 mc-launch nosuch -- true
	assert_failure 3
	assert_error mc-launch nosuch
	run --separate-stderr timeout 30 mc-isolate --timeout 1 nosuch
	assert_failure 3
	assert_error mc-isolate nosuch
	run --separate-stderr timeout 30 mc-usage nosuch
	assert_failure 3
	assert_error mc-usage nosuch
	run --separate-stderr timeout 30 mc-destroy nosuch
	assert_failure 3
	assert_error mc-destroy nosuch
	assert_no_leftovers
}

@test "an existing container is a conflict (4) with a one-line error" {
	timeout 30 mc-prepare c1
	run --separate-stderr timeout 30 mc-prepare c1
	assert_failure 4
	assert_error mc-prepare c1
}

@test "bad option values are usage errors (2)" {
	timeout 30 mc-prepare c1
	run --separate-stderr timeout 30 mc-isolate c1 --timeout abc
	assert_failure 2
	assert_error mc-isolate
	run --separate-stderr timeout 30 mc-isolate c1 --timeout -1
	assert_failure 2
	run --separate-stderr timeout 30 mc-destroy c1 --timeout abc
	assert_failure 2
	assert_error mc-destroy
	run --separate-stderr timeout 30 mc-usage c1 --format xml
	assert_failure 2
	assert_error mc-usage
	# the container is still there
	[[ -d $MC_RUN_DIR/c1 ]]
	[[ -d $(cg_path freezer c1) ]]
}

@test "mc-recover takes no container ID (2)" {
	run --separate-stderr timeout 30 mc-recover c1
	assert_failure 2
	assert_error mc-recover
}
