# Shared set-up for the mc bats tests.
#
# Every test gets its own run directory (MC_RUN_DIR) and its own cgroup root
# (MC_CGROUP_ROOT), both exported so that the programs pick them up.
# teardown() removes everything under that root (killing what runs there),
# the background processes the test started, and the run directory.  It
# never touches a cgroup outside the test's own root.

_mc_t_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${MC_SRCDIR:=$(dirname "$_mc_t_dir")}"
: "${MC_BUILDDIR:=$MC_SRCDIR}"
export MC_SRCDIR MC_BUILDDIR
PATH="$MC_BUILDDIR/tools:$PATH"
export PATH

_mc_load_lib() {
	local name=$1 d
	for d in ${BATS_LIB_PATH//:/ } /usr/lib/bats /usr/local/lib/bats \
		/usr/lib/node_modules /usr/share/bats; do
		if [[ -f $d/$name/load.bash ]]; then
			load "$d/$name/load.bash"
			return 0
		fi
	done
	if declare -F bats_load_library >/dev/null; then
		bats_load_library "$name"
		return
	fi
	echo "helper.bash: cannot find $name (install the $name package)" >&2
	return 1
}
_mc_load_lib bats-support
_mc_load_lib bats-assert
bats_require_minimum_version 1.5.0

CGROUP_FS=/sys/fs/cgroup
if [[ $(stat -fc %T "$CGROUP_FS" 2>/dev/null) == cgroup2fs ]]; then
	CG_MODE=v2
else
	CG_MODE=v1
fi
export CG_MODE

# The v1 hierarchies every container has (cpuset only with --cpuset).
V1_CONTROLLERS="cpu cpuacct memory pids freezer"

# The workload program.
payload=$MC_BUILDDIR/t/payload

# ---------------------------------------------------------------------------
# set-up and tear-down

setup() {
	MC_RUN_DIR=$(mktemp -d /tmp/mc-test-run.XXXXXX)
	MC_CGROUP_ROOT=mctest-$$-${BATS_TEST_NUMBER:-0}-$RANDOM
	# A second name unique to this test: IDs that try to climb out of
	# the root ("../NAME") use it, so whatever a faulty program creates
	# there is still the test's own and is cleaned up.
	MC_ESCAPE=${MC_CGROUP_ROOT}-esc
	export MC_RUN_DIR MC_CGROUP_ROOT MC_ESCAPE
	MC_TMP=$(mktemp -d /tmp/mc-test-tmp.XXXXXX)
	MC_BG_FILE=$MC_TMP/.bg-pids
	: >"$MC_BG_FILE"
	if [[ ! -x $payload ]]; then
		_mc_build_payload
	fi
}

# Build the payload when the tests run outside "make check".
_mc_build_payload() {
	local out=${BATS_RUN_TMPDIR:-/tmp}/mc-payload
	if [[ ! -x $out ]]; then
		cc -O2 -Wall -Wextra -o "$out.$$" "$MC_SRCDIR/t/payload.c" &&
			mv -f "$out.$$" "$out"
	fi
	payload=$out
}

teardown() {
	_mc_cleanup || true
	return 0
}

_mc_cleanup() {
	local pid start
	# the test's background processes (only while they are the same
	# process: start time checked)
	if [[ -f ${MC_BG_FILE:-} ]]; then
		while read -r pid start; do
			[[ -n $pid ]] || continue
			if [[ $(proc_starttime "$pid") == "$start" ]]; then
				kill -TERM "$pid" 2>/dev/null || true
			fi
		done <"$MC_BG_FILE"
		sleep 0.1
		while read -r pid start; do
			[[ -n $pid ]] || continue
			if [[ $(proc_starttime "$pid") == "$start" ]]; then
				kill -KILL "$pid" 2>/dev/null || true
			fi
		done <"$MC_BG_FILE"
	fi
	_mc_cleanup_cgroups
	_mc_kill_marked
	if [[ -n ${MC_RUN_DIR:-} && $MC_RUN_DIR == /tmp/mc-test-run.* ]]; then
		rm -rf -- "$MC_RUN_DIR"
	fi
	if [[ -n ${MC_TMP:-} && $MC_TMP == /tmp/mc-test-tmp.* ]]; then
		rm -rf -- "$MC_TMP"
	fi
}

# Every mounted cgroup hierarchy (v1: one per mount, v2: the one).
cg_mounts() {
	if [[ $CG_MODE == v2 ]]; then
		echo "$CGROUP_FS"
		return
	fi
	local dev mnt type rest
	while read -r dev mnt type rest; do
		[[ $type == cgroup || $type == cgroup2 ]] || continue
		[[ $mnt == "$CGROUP_FS"/* ]] || continue
		echo "$mnt"
	done </proc/self/mounts | sort -u
}

# Every directory of the test's cgroup root, one per hierarchy (those that
# exist).
cg_root_dirs() {
	local m name
	[[ $MC_CGROUP_ROOT == mctest-* ]] || return 0
	for m in $(cg_mounts); do
		for name in "$MC_CGROUP_ROOT" "$MC_ESCAPE"; do
			[[ -d $m/$name ]] && echo "$m/$name"
		done
	done
	return 0
}

_mc_cleanup_cgroups() {
	local root f i pids pid left
	[[ ${MC_CGROUP_ROOT:-} == mctest-* ]] || return 0
	for root in $(cg_root_dirs); do
		# v2: cgroup.kill takes the whole subtree at once
		if [[ -f $root/cgroup.kill ]]; then
			echo 1 >"$root/cgroup.kill" 2>/dev/null || true
		fi
		# v1 freezer: thaw so that the killed can die
		while IFS= read -r f; do
			echo THAWED >"$f" 2>/dev/null || true
		done < <(find "$root" -name freezer.state 2>/dev/null)
		# v2 freezer
		while IFS= read -r f; do
			echo 0 >"$f" 2>/dev/null || true
		done < <(find "$root" -name cgroup.freeze 2>/dev/null)
	done
	for ((i = 0; i < 100; i++)); do
		left=0
		for root in $(cg_root_dirs); do
			pids=$(find "$root" -name cgroup.procs -exec cat {} + 2>/dev/null)
			for pid in $pids; do
				left=1
				kill -KILL "$pid" 2>/dev/null || true
			done
		done
		((left)) || break
		sleep 0.1
	done
	for ((i = 0; i < 50; i++)); do
		left=0
		for root in $(cg_root_dirs); do
			find "$root" -depth -type d -exec rmdir {} \; 2>/dev/null
			[[ -d $root ]] && left=1
		done
		((left)) || break
		sleep 0.1
	done
}

# Descendants of the test that escaped every cgroup (a faulty program):
# they carry the test's unique MC_RUN_DIR in their environment.  Only those
# are killed, never the test's own shell or its ancestors.
_mc_kill_marked() {
	local marker="MC_RUN_DIR=$MC_RUN_DIR" p kv found round
	[[ $MC_RUN_DIR == /tmp/mc-test-run.* ]] || return 0
	local -A keep=()
	p=$BASHPID
	while [[ -n $p && $p != 0 && $p != 1 ]]; do
		keep[$p]=1
		p=$(_mc_ppid "$p")
	done
	keep[$$]=1
	for round in 1 2 3; do
		found=0
		for p in /proc/[0-9]*; do
			p=${p#/proc/}
			[[ -n ${keep[$p]:-} ]] && continue
			[[ -r /proc/$p/environ ]] || continue
			while IFS= read -r -d '' kv; do
				if [[ $kv == "$marker" ]]; then
					if ((round < 3)); then
						found=1
					else
						kill -KILL "$p" 2>/dev/null
					fi
					break
				fi
			done 2>/dev/null <"/proc/$p/environ"
		done
		((found)) || break
		# give them (e.g. detached supervisors) a moment to end alone
		sleep 0.5
	done
	return 0
}

_mc_ppid() {
	local line
	while IFS= read -r line; do
		if [[ $line == PPid:* ]]; then
			echo "${line##*[[:space:]]}"
			return
		fi
	done <"/proc/$1/status" 2>/dev/null
}

# progress MSG...: say how far a long test has come, so that it never looks
# hung: "# FILE: MSG" on the TAP stream (bats shows it at once, and it stays
# in the log), and under make check on the console too, through the
# descriptor 9 that Makefile.am's AM_TESTS_FD_REDIRECT opens on make's
# stderr (the test driver's own output reaches the console only when the
# file has ended).
progress() {
	local line="${BATS_TEST_FILENAME##*/}: $*"
	echo "# $line" >&3
	if { true >&9; } 2>/dev/null; then
		echo "$line" >&9
	fi
}

# ---------------------------------------------------------------------------
# processes

# Field 22 of /proc/PID/stat (empty if there is no such process).
proc_starttime() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
	stat=${stat##*) }
	# fields from 3 on: state is field 3, starttime field 22
	set -- $stat
	echo "${20}"
}

# Field 6 of /proc/PID/stat: the session id.
proc_session() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
	stat=${stat##*) }
	set -- $stat
	echo "$4"
}

proc_pgrp() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
	stat=${stat##*) }
	set -- $stat
	echo "$3"
}

proc_state() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
	stat=${stat##*) }
	set -- $stat
	echo "$1"
}

# True when PID is gone (or only a zombie waiting to be reaped).
proc_dead() {
	local s
	s=$(proc_state "$1")
	[[ -z $s || $s == Z || $s == X ]]
}

proc_alive() {
	! proc_dead "$1"
}

boot_id() {
	cat /proc/sys/kernel/random/boot_id
}

# Remember a background pid (with its start time) for teardown.
bg_pid() {
	local p
	for p in "$@"; do
		echo "$p $(proc_starttime "$p")" >>"$MC_BG_FILE"
	done
}

# start_bg NAME CMD...: run CMD in the background (bounded by timeout 120),
# stdout and stderr to $MC_TMP/NAME.out / NAME.err, descriptor 3 closed
# (bats waits for it).  Sets BG_PID (the pid of the timeout wrapper, which
# passes SIGTERM/SIGINT on to CMD).  Collect the status with `wait $BG_PID`.
start_bg() {
	local name=$1
	shift
	timeout -s KILL 120 "$@" >"$MC_TMP/$name.out" 2>"$MC_TMP/$name.err" \
		</dev/null 3>&- &
	BG_PID=$!
	bg_pid "$BG_PID"
}

# start_session NAME CMD...: like start_bg, but CMD itself (no wrapper) in
# a new session and process group of its own, SIGINT and SIGTERM at their
# defaults, so it can be interrupted the way a terminal would.
start_session() {
	local name=$1
	shift
	python3 -c '
import os, signal, sys
for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT, signal.SIGHUP):
    signal.signal(s, signal.SIG_DFL)
os.setsid()
os.execvp(sys.argv[1], sys.argv[1:])
' "$@" >"$MC_TMP/$name.out" 2>"$MC_TMP/$name.err" </dev/null 3>&- &
	BG_PID=$!
	bg_pid "$BG_PID"
}

# wait_for [-t SECS] CMD...: poll CMD every 0.1 s until it succeeds, at most
# SECS seconds (default 10).  Fails on time-out.
wait_for() {
	local secs=10 i
	if [[ $1 == -t ]]; then
		secs=$2
		shift 2
	fi
	for ((i = 0; i < secs * 10; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	"$@"
}

# ---------------------------------------------------------------------------
# cgroups

# cg_path CONTROLLER ID: the container's cgroup directory in CONTROLLER
# (v2: the controller is ignored).
cg_path() {
	if [[ $CG_MODE == v2 ]]; then
		echo "$CGROUP_FS/$MC_CGROUP_ROOT/$2"
	else
		echo "$CGROUP_FS/$1/$MC_CGROUP_ROOT/$2"
	fi
}

# cg_read CONTROLLER ID FILE: the content of a control file of a container.
cg_read() {
	cat "$(cg_path "$1" "$2")/$3"
}

# The container's directories in every hierarchy where it has one.
cg_container_dirs() {
	local root
	for root in $(cg_root_dirs); do
		[[ -d $root/$1 ]] && echo "$root/$1"
	done
	return 0
}

# cg_procs ID: every pid in the container's cgroups (nested ones too), one
# per line, sorted, unique.
cg_procs() {
	local d
	for d in $(cg_container_dirs "$1"); do
		find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null
	done | sort -un
}

# Every process in the test's cgroup root, nested ones included.
cg_all_procs() {
	local root
	for root in $(cg_root_dirs); do
		find "$root" -name cgroup.procs -exec cat {} + 2>/dev/null
	done | sort -un
}

# Controllers available to a container in v2 (those of the root's parent).
v2_has_controller() {
	[[ $CG_MODE == v2 ]] && grep -qw "$1" "$CGROUP_FS/cgroup.controllers"
}

# The CPUs a container may have (those of the cgroup above the test's
# root: v1 cpuset.cpus, v2 cpuset.cpus.effective), and a CPU beyond them.
host_cpus() {
	if [[ $CG_MODE == v1 ]]; then
		cat "$CGROUP_FS/cpuset/cpuset.cpus"
	else
		cat "$CGROUP_FS/cpuset.cpus.effective"
	fi
}
cpu_beyond_host() {
	local last
	last=$(host_cpus)
	last=${last##*[,-]}
	echo $((last + 1))
}

# What mc-prepare and mc-update say of a --cpuset LIST beyond host_cpus.
cpuset_refused_message() {
	local have
	have=$(host_cpus)
	if [[ $have == *[,-]* ]]; then
		echo "--cpuset $1: CPUs $have are available here"
	else
		echo "--cpuset $1: CPU $have is the one available here"
	fi
}

# True when the kernel accounts swap in the memory controller.
have_swap_accounting() {
	if [[ $CG_MODE == v1 ]]; then
		[[ -f $CGROUP_FS/memory/memory.memsw.limit_in_bytes ]]
	else
		# only visible on non-root cgroups; look at any one
		compgen -G "$CGROUP_FS/*/memory.swap.max" >/dev/null
	fi
}

have_swap() {
	[[ $(wc -l </proc/swaps) -gt 1 ]]
}

# Some container directory exists for ID in some hierarchy.
container_exists() {
	[[ -n $(cg_container_dirs "$1") ]] || [[ -e $MC_RUN_DIR/$1 ]]
}

# The list of expected container directories for ID, given the mode
# (v1: cpu cpuacct memory pids freezer, plus cpuset with "cpuset").
expected_dirs() {
	local id=$1 c
	if [[ $CG_MODE == v2 ]]; then
		cg_path - "$id"
		return
	fi
	for c in $V1_CONTROLLERS ${2:-}; do
		cg_path "$c" "$id"
	done
}

# assert_no_leftovers: nothing of any container remains: no cgroup below
# the test root (the root itself may stay), no process in it, no state
# entry in the run directory (dot files such as locks are allowed).
assert_no_leftovers() {
	local root dirs procs entries
	for root in $(cg_root_dirs); do
		dirs=$(find "$root" -mindepth 1 -type d 2>/dev/null)
		if [[ -n $dirs ]]; then
			fail "cgroups left behind: $dirs"
		fi
	done
	procs=$(cg_all_procs)
	if [[ -n $procs ]]; then
		fail "processes left in the test's cgroups: $procs"
	fi
	if [[ -d $MC_RUN_DIR ]]; then
		entries=$(cd "$MC_RUN_DIR" && ls -A | grep -v '^\.' || true)
		if [[ -n $entries ]]; then
			fail "state left in $MC_RUN_DIR: $entries"
		fi
	fi
	if [[ -n $(cg_root_dirs | grep -- "$MC_ESCAPE") ]]; then
		fail "a cgroup was created outside the root: $(cg_root_dirs | grep -- "$MC_ESCAPE")"
	fi
}

# assert_nothing_created: like assert_no_leftovers, for commands that must
# not have created anything at all.
assert_nothing_created() {
	assert_no_leftovers
}

# ---------------------------------------------------------------------------
# container helpers

# launch_detached ID [OPTIONS] -- CMD...: mc-launch --detach, output to
# files (never a pipe that a faulty supervisor could hold); sets
# LAUNCH_STATUS and LAUNCH_PID and fails when the launch did.
launch_detached() {
	local id=$1
	shift
	LAUNCH_PID=
	LAUNCH_STATUS=0
	timeout -s KILL 30 mc-launch --detach "$id" "$@" \
		>"$MC_TMP/launch.out" 2>"$MC_TMP/launch.err" </dev/null 3>&- ||
		LAUNCH_STATUS=$?
	LAUNCH_PID=$(cat "$MC_TMP/launch.out")
	if ((LAUNCH_STATUS != 0)); then
		echo "mc-launch --detach $id failed ($LAUNCH_STATUS): $(cat "$MC_TMP/launch.err")" >&2
		return 1
	fi
	[[ $LAUNCH_PID =~ ^[0-9]+$ ]] || {
		echo "mc-launch --detach printed '$LAUNCH_PID', not a pid" >&2
		return 1
	}
}

# start ID CMD...: prepare (no limits), launch detached and isolate.
start_container() {
	local id=$1
	shift
	timeout 30 mc-prepare "$id" || return 1
	launch_detached "$id" -- "$@" || return 1
	timeout 30 mc-isolate "$id" || return 1
}

state_file() {
	echo "$MC_RUN_DIR/$1/$2"
}

# The container's executor has ended (its exit status is recorded).
has_exited() {
	[[ -s $MC_RUN_DIR/$1/exit ]]
}

# Read a field from the first JSON object mc-usage prints for ID.
usage_field() {
	timeout 30 mc-usage "$1" | python3 -c '
import json, sys
obj = json.loads(sys.stdin.readline())
print(obj[sys.argv[1]])
' "$2"
}

# assert_error TOOL [ID]: stderr (run --separate-stderr) is exactly one line
# "mc-TOOL: ..." and, with ID, "mc-TOOL: ID: what failed[: why]".
assert_error() {
	local tool=$1 id=${2:-}
	if ((${#stderr_lines[@]} != 1)); then
		fail "expected one line on stderr, got ${#stderr_lines[@]}: $stderr"
	fi
	if [[ -n $id ]]; then
		[[ $stderr =~ ^"$tool: $id: ".+ ]] ||
			fail "stderr is not '$tool: $id: what failed: why': $stderr"
	else
		[[ $stderr == "$tool: "?* ]] ||
			fail "stderr does not start with '$tool: ': $stderr"
	fi
}

# run_f CMD...: like `run --separate-stderr CMD...`, but through files, so
# that a process CMD leaves behind cannot hold the test up, and bounded
# (timeout 60, then SIGKILL).  Sets status, output, lines, stderr and
# stderr_lines.
run_f() {
	local out=$MC_TMP/run_f.out err=$MC_TMP/run_f.err
	status=0
	timeout -s KILL 60 "$@" >"$out" 2>"$err" 3>&- || status=$?
	output=$(cat "$out")
	stderr=$(cat "$err")
	lines=()
	stderr_lines=()
	[[ -z $output ]] || mapfile -t lines <<<"$output"
	[[ -z $stderr ]] || mapfile -t stderr_lines <<<"$stderr"
	BATS_RUN_COMMAND="$*"
	return 0
}

# The container's line in /proc/PID/cgroup for CONTROLLER (v2: the "0::"
# line) is the container's cgroup.
in_cgroup() {
	local pid=$1 controller=$2 id=$3 line
	local want="/$MC_CGROUP_ROOT/$id"
	while IFS= read -r line; do
		if [[ $CG_MODE == v2 ]]; then
			[[ $line == "0::$want" ]] && return 0
		else
			local ctrls=${line#*:}
			local path=${ctrls#*:}
			ctrls=${ctrls%%:*}
			if [[ ,$ctrls, == *,$controller,* && $path == "$want" ]]; then
				return 0
			fi
		fi
	done <"/proc/$pid/cgroup"
	return 1
}

# comm_is PID NAME: the process runs NAME (for wait_for).
comm_is() {
	[[ $(cat "/proc/$1/comm" 2>/dev/null) == "$2" ]]
}

# procs_at_least ID N: the container has at least N processes.
procs_at_least() {
	(($(cg_procs "$1" | wc -l) >= $2))
}

# container_runs ID NAME: some process of the container runs NAME.
container_runs() {
	local p
	for p in $(cg_procs "$1"); do
		comm_is "$p" "$2" && return 0
	done
	return 1
}
