#!/usr/bin/env bats
# mc-launch's executor options, each checked from inside the executor:
# namespaces, host name, user, capabilities, no_new_privs, seccomp,
# rlimits, working directory, environment, output files, --shell, and
# the descriptors the command starts with.

load helper

# in_exec ID [OPTIONS] -- CMD...: prepare ID, launch it in the foreground
# with OPTIONS, isolate it and wait; sets status (mc-launch's exit code),
# output and lines (the executor's stdout), stderr and stderr_lines.
in_exec() {
	local id=$1 pid
	shift
	timeout 30 mc-prepare "$id" || fail "mc-prepare $id failed"
	start_bg exec mc-launch "$id" "$@"
	pid=$BG_PID
	timeout 30 mc-isolate "$id" || fail "mc-isolate $id failed: $(cat "$MC_TMP/exec.err")"
	status=0
	wait "$pid" || status=$?
	output=$(cat "$MC_TMP/exec.out")
	stderr=$(cat "$MC_TMP/exec.err")
	lines=()
	stderr_lines=()
	[[ -z $output ]] || mapfile -t lines <<<"$output"
	[[ -z $stderr ]] || mapfile -t stderr_lines <<<"$stderr"
}

# status_field NAME: the value of NAME: in the /proc/self/status lines
# that the executor printed (output of in_exec).
status_field() {
	local line
	for line in "${lines[@]}"; do
		if [[ $line == "$1:"* ]]; then
			line=${line#*:}
			echo "${line//[[:space:]]/}"
			return
		fi
	done
}

# my_status NAME: the same field of this test's own shell.
my_status() {
	local line
	line=$(grep "^$1:" /proc/self/status)
	line=${line#*:}
	echo "${line//[[:space:]]/}"
}

PYTHON=/usr/bin/python3

# The errno a syscall fails with, from python: syscall_errno NAME ARGS.
# Prints "ok" or the errno name.
SYSCALL_PY='
import ctypes, errno, os, sys
libc = ctypes.CDLL(None, use_errno=True)
name, args = sys.argv[1], [a.encode() if a != "0" else None for a in sys.argv[2:]]
if name == "mount":
    r = libc.mount(args[0], args[1], args[2], 0, None)
else:
    r = getattr(libc, name)(*args)
print("ok" if r == 0 else errno.errorcode[ctypes.get_errno()])
'

# ---------------------------------------------------------------------------
# namespaces

@test "--namespaces pid,mount,uts,ipc,net: the executor is in new namespaces" {
	local n host=()
	for n in pid mnt uts ipc net; do
		host+=("$(readlink /proc/self/ns/$n)")
	done
	in_exec c1 --namespaces pid,mount,uts,ipc,net -- sh -c \
		'for n in pid mnt uts ipc net; do readlink /proc/self/ns/$n; done'
	assert_success
	((${#lines[@]} == 5)) || fail "got: $output"
	local i
	for i in 0 1 2 3 4; do
		[[ ${lines[i]} == *:\[*\] ]] || fail "not a namespace: ${lines[i]}"
		[[ ${lines[i]} != "${host[i]}" ]] ||
			fail "still in the host's ${lines[i]}"
	done
}

@test "--namespaces pid,mount: the command is pid 1 with a /proc of its own" {
	local host_proc
	host_proc=$(grep -c ' /proc proc ' /proc/self/mounts)
	in_exec c1 --namespaces pid,mount -- sh -c \
		'echo $$; ls /proc | grep -c "^[0-9][0-9]*$"'
	assert_success
	[[ ${lines[0]} == 1 ]] || fail "pid ${lines[0]}, expected 1"
	((lines[1] <= 3)) || fail "${lines[1]} processes in its /proc"
	# the host's /proc is untouched
	[[ $(grep -c ' /proc proc ' /proc/self/mounts) == "$host_proc" ]]
}

@test "--namespaces pid: exit status and death by signal reach the supervisor unchanged" {
	in_exec c1 --namespaces pid -- "$payload" exit 7
	((status == 7)) || fail "exit $status, expected 7: $stderr"
	run cat "$MC_RUN_DIR/c1/exit"
	assert_output --regexp '^exited 7'

	# the command (pid 1 of its namespace) killed from outside: the
	# forwarder dies of the same signal, so mc-launch sees signal 9
	timeout 30 mc-prepare c2
	start_bg fg mc-launch c2 --namespaces pid -- sleep 100
	local sup=$BG_PID exec_pid cmd_pid rc=0
	timeout 30 mc-isolate c2
	read -r exec_pid _ <"$MC_RUN_DIR/c2/pid"
	wait_for child_runs "$exec_pid" sleep
	cmd_pid=$(pgrep -P "$exec_pid")
	kill -KILL "$cmd_pid"
	wait "$sup" || rc=$?
	((rc == 137)) || fail "exit $rc, expected 137"
	run cat "$MC_RUN_DIR/c2/exit"
	assert_output --regexp '^killed by signal 9'
}

# child_runs PID NAME: the one child of PID runs NAME.
child_runs() {
	local c
	c=$(pgrep -P "$1") && comm_is "$c" "$2"
}

@test "--namespaces pid: SIGTERM to the executor reaches the command" {
	timeout 30 mc-prepare c1
	start_bg fg mc-launch c1 --namespaces pid -- sh -c \
		'trap "exit 7" TERM; echo up; while :; do sleep 0.1; done'
	local sup=$BG_PID exec_pid rc=0
	timeout 30 mc-isolate c1
	wait_for grep -qx up "$MC_TMP/fg.out"
	read -r exec_pid _ <"$MC_RUN_DIR/c1/pid"
	kill -TERM "$exec_pid"
	wait "$sup" || rc=$?
	((rc == 7)) || fail "exit $rc, expected 7: $(cat "$MC_TMP/fg.err")"
}

@test "--namespaces mount: mounts made in the executor stay out of the host" {
	local mnt=$MC_TMP/mnt
	mkdir "$mnt"
	in_exec c1 --namespaces mount -- sh -c \
		"mount -t tmpfs mc-test-tmpfs '$mnt' && grep -c ' $mnt ' /proc/self/mounts"
	if grep -q " $mnt " /proc/self/mounts; then
		umount "$mnt"
		fail "the executor's mount propagated to the host"
	fi
	assert_success
	assert_output 1
}

@test "--hostname sets the host name in the uts namespace only" {
	local before
	before=$(hostname)
	in_exec c1 --namespaces uts --hostname mc-box -- hostname
	assert_success
	assert_output mc-box
	[[ $(hostname) == "$before" ]]
}

@test "--namespaces net: only a loopback interface, and it is up" {
	in_exec c1 --namespaces net -- cat /proc/net/dev
	assert_success
	# two header lines, then one line per interface
	((${#lines[@]} == 3)) || fail "interfaces: $output"
	[[ ${lines[2]} == *lo:* ]]
	in_exec c2 --namespaces net -- "$PYTHON" -c '
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
c = socket.create_connection(s.getsockname()); print("connected")'
	assert_success
	assert_output connected
}

# ---------------------------------------------------------------------------
# user, capabilities, no_new_privs

@test "--user nobody: uid, gid and groups from the databases" {
	in_exec c1 --user nobody -- sh -c 'id -u; id -g; id -G'
	assert_success
	[[ ${lines[0]} == "$(id -u nobody)" ]]
	[[ ${lines[1]} == "$(id -g nobody)" ]]
	[[ ${lines[2]} == "$(id -G nobody)" ]]
}

@test "--user UID:GROUP with numbers and names, a uid without an entry" {
	in_exec c1 --user nobody:root -- sh -c 'id -u; id -g'
	assert_success
	assert_output "$(id -u nobody)
0"
	in_exec c2 --user 4000123 -- sh -c 'id -u; id -g; id -G'
	assert_success
	assert_output "4000123
4000123
4000123"
}

@test "without --caps and --user the executor keeps mc-launch's capabilities" {
	in_exec c1 -- grep -E '^(Cap|NoNewPrivs|Seccomp:)' /proc/self/status
	assert_success
	[[ $(status_field CapBnd) == "$(my_status CapBnd)" ]]
	[[ $(status_field CapEff) == "$(my_status CapEff)" ]]
	[[ $(status_field NoNewPrivs) == 0 ]]
	[[ $(status_field Seccomp) == 0 ]]
}

@test "--caps keeps only the listed capabilities in every set" {
	in_exec c1 --caps cap_net_bind_service,CHOWN -- grep ^Cap /proc/self/status
	assert_success
	local set
	for set in CapBnd CapPrm CapEff CapInh CapAmb; do
		[[ $(status_field $set) == 0000000000000401 ]] ||
			fail "$set is $(status_field $set): $output"
	done
	in_exec c2 --caps none -- grep ^Cap /proc/self/status
	assert_success
	for set in CapBnd CapPrm CapEff CapInh CapAmb; do
		[[ $(status_field $set) == 0000000000000000 ]] ||
			fail "--caps none: $set is $(status_field $set)"
	done
}

@test "--caps with --user nobody: the capabilities survive the switch and the exec" {
	in_exec c1 --user nobody --caps net_bind_service -- sh -c \
		'grep ^Cap /proc/self/status; id -u'
	assert_success
	[[ $(status_field CapEff) == 0000000000000400 ]] || fail "$output"
	[[ $(status_field CapAmb) == 0000000000000400 ]] || fail "$output"
	[[ $(status_field CapBnd) == 0000000000000400 ]] || fail "$output"
	[[ ${lines[-1]} == "$(id -u nobody)" ]]
	# and it can be used: nobody binds port 80
	in_exec c2 --user nobody --caps net_bind_service -- "$PYTHON" -c '
import socket
socket.socket().bind(("127.0.0.1", 80)); print("bound")'
	assert_success
	assert_output bound
	# without it, nobody has no capability at all
	in_exec c3 --user nobody -- grep ^CapEff /proc/self/status
	assert_success
	[[ $(status_field CapEff) == 0000000000000000 ]]
}

@test "--no-new-privs sets NoNewPrivs" {
	in_exec c1 --no-new-privs -- grep ^NoNewPrivs /proc/self/status
	assert_success
	[[ $(status_field NoNewPrivs) == 1 ]]
}

# ---------------------------------------------------------------------------
# seccomp

@test "--seccomp default: a filter is loaded and denied syscalls fail with EPERM" {
	# swapoff of a missing file: ENOENT unfiltered, EPERM filtered
	in_exec c0 -- "$PYTHON" -c "$SYSCALL_PY" swapoff /nonexistent-mc
	assert_success
	assert_output ENOENT
	in_exec c1 --seccomp default -- sh -c \
		"grep '^Seccomp:' /proc/self/status; '$PYTHON' -c '$SYSCALL_PY' swapoff /nonexistent-mc; '$PYTHON' -c '$SYSCALL_PY' mount none /nonexistent-mc tmpfs"
	assert_success
	[[ $(status_field Seccomp) == 2 ]] || fail "$output"
	[[ ${lines[1]} == EPERM ]] || fail "swapoff: ${lines[1]}"
	[[ ${lines[2]} == EPERM ]] || fail "mount: ${lines[2]}"
	# util-linux agrees
	in_exec c2 --seccomp default -- swapoff /nonexistent-mc
	assert_failure
	[[ $stderr == *"Not superuser"* ]] || fail "$stderr"
}

@test "--seccomp default: no new namespaces from inside" {
	in_exec c1 --seccomp default -- unshare --uts true
	assert_failure
	[[ $stderr == *"Operation not permitted"* ]] || fail "$stderr"
}

@test "--seccomp default with --namespaces mount allows mounting" {
	local mnt=$MC_TMP/mnt
	mkdir "$mnt"
	in_exec c1 --namespaces mount --seccomp default -- sh -c \
		"mount -t tmpfs mc-test-tmpfs '$mnt' && echo mounted"
	if grep -q " $mnt " /proc/self/mounts; then
		umount "$mnt"
		fail "the executor's mount propagated to the host"
	fi
	assert_success
	assert_output mounted
}

@test "--seccomp default as nobody: no_new_privs is set for the kernel" {
	in_exec c1 --user nobody --seccomp default -- grep -E '^(NoNewPrivs|Seccomp):' /proc/self/status
	assert_success
	[[ $(status_field Seccomp) == 2 ]]
	[[ $(status_field NoNewPrivs) == 1 ]]
}

@test "--seccomp FILE: the profile's rules apply" {
	local prof=$MC_TMP/profile
	cat >"$prof" <<-'EOF'
	# a test profile
	default allow

	errno swapoff EACCES   # by name
	errno swapon 38        # by number (ENOSYS)
	deny mount
	deny vm86              # 32-bit only on x86_64: accepted
	EOF
	in_exec c1 --seccomp "$prof" -- sh -c \
		"'$PYTHON' -c '$SYSCALL_PY' swapoff /nonexistent-mc; '$PYTHON' -c '$SYSCALL_PY' swapon /nonexistent-mc; '$PYTHON' -c '$SYSCALL_PY' mount none /nonexistent-mc tmpfs; grep ^Seccomp: /proc/self/status"
	assert_success
	[[ ${lines[0]} == EACCES ]] || fail "swapoff: ${lines[0]}"
	[[ ${lines[1]} == ENOSYS ]] || fail "swapon: ${lines[1]}"
	[[ ${lines[2]} == EPERM ]] || fail "mount: ${lines[2]}"
	[[ $(status_field Seccomp) == 2 ]]
}

@test "--seccomp FILE with default kill: a syscall not allowed kills the command" {
	local prof=$MC_TMP/profile
	printf 'default kill\n' >"$prof"
	in_exec c1 --rlimit core=0 --seccomp "$prof" -- "$payload" exit 0
	# SIGSYS
	((status == 128 + 31)) || fail "exit $status, expected 159"
	run cat "$MC_RUN_DIR/c1/exit"
	assert_output --regexp '^killed by signal 31'
}

@test "--seccomp none: no filter" {
	in_exec c1 --seccomp none -- grep ^Seccomp: /proc/self/status
	assert_success
	[[ $(status_field Seccomp) == 0 ]]
}

@test "--seccomp with a bad profile: a usage error naming file and line" {
	local prof=$MC_TMP/profile
	printf '# comment\ndefault allow\nallow no_such_syscall_mc\n' >"$prof"
	timeout 30 mc-prepare c1
	run_f mc-launch c1 --seccomp "$prof" -- true
	assert_failure 2
	assert_error mc-launch
	[[ $stderr == *"--seccomp: $prof:3: unknown syscall 'no_such_syscall_mc'"* ]] ||
		fail "$stderr"
	[[ ! -e $MC_RUN_DIR/c1/pid ]]
	[[ -z $(cg_procs c1) ]]
}

# ---------------------------------------------------------------------------
# rlimits, working directory, environment, output, shell, descriptors

@test "--rlimit sets soft and hard limits, repeatable" {
	in_exec c1 --rlimit nofile=123:456 --rlimit core=0 --rlimit nproc=500 -- \
		sh -c 'ulimit -Sn; ulimit -Hn; ulimit -c; grep "^Max processes" /proc/self/limits'
	assert_success
	((${#lines[@]} == 4)) || fail "$output"
	[[ ${lines[0]} == 123 && ${lines[1]} == 456 && ${lines[2]} == 0 ]] || fail "$output"
	[[ ${lines[3]} =~ ^Max\ processes\ +500\ +500\ + ]] || fail "nproc: ${lines[3]}"
	in_exec c2 --rlimit nofile=200 -- sh -c 'ulimit -Sn; ulimit -Hn'
	assert_success
	assert_output "200
200"
	in_exec c3 --rlimit fsize=unlimited -- sh -c 'ulimit -f'
	assert_success
	assert_output unlimited
}

@test "--rlimit the kernel refuses fails in the executor, naming the option" {
	# past fs.nr_open even CAP_SYS_RESOURCE cannot raise RLIMIT_NOFILE
	local too_many=$(($(cat /proc/sys/fs/nr_open) + 1))
	in_exec c1 --rlimit nofile=$too_many -- true
	((status == 1)) || fail "exit $status: $stderr"
	[[ $stderr == *"--rlimit: setting nofile: Operation not permitted"* ]] ||
		fail "$stderr"
}

@test "--workdir: the command starts there; a missing one fails, naming the option" {
	mkdir "$MC_TMP/wd"
	in_exec c1 --workdir "$MC_TMP/wd" -- pwd
	assert_success
	assert_output "$MC_TMP/wd"
	in_exec c2 --workdir "$MC_TMP/no-such-dir" -- pwd
	((status == 1)) || fail "exit $status"
	[[ $stderr == *"--workdir: $MC_TMP/no-such-dir: No such file or directory"* ]] ||
		fail "$stderr"
	[[ -z $output ]]
}

@test "--env adds and overrides variables; --clear-env starts from PATH alone" {
	MC_ISOLATION_VAR=outer in_exec c1 --env FOO=bar --env MC_ISOLATION_VAR=inner \
		--env EMPTY= --env EQ=a=b -- env
	assert_success
	assert_line FOO=bar
	assert_line MC_ISOLATION_VAR=inner
	assert_line EMPTY=
	assert_line EQ=a=b
	assert_line --regexp '^PATH='
	in_exec c2 --clear-env --env FOO=bar -- /usr/bin/env
	assert_success
	assert_output "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
FOO=bar"
	# a PATH given with --env is the one the command is searched in
	mkdir "$MC_TMP/bin"
	printf '#!/bin/sh\necho found\n' >"$MC_TMP/bin/mc-only-here"
	chmod 755 "$MC_TMP/bin/mc-only-here"
	in_exec c3 --clear-env --env PATH="$MC_TMP/bin" -- mc-only-here
	assert_success
	assert_output found
}

@test "--stdout and --stderr: opened before the switch to nobody, appended" {
	local dir=$MC_TMP/logs
	mkdir -m 0700 "$dir"
	in_exec c1 --user nobody --stdout "$dir/out" --stderr "$dir/err" -- \
		sh -c 'echo one; echo err-one >&2'
	assert_success
	[[ -z $output ]] || fail "stdout not redirected: $output"
	in_exec c2 --user nobody --stdout "$dir/out" --stderr "$dir/out" -- \
		sh -c 'echo two; echo err-two >&2'
	assert_success
	run cat "$dir/out"
	assert_output "one
two
err-two"
	run cat "$dir/err"
	assert_output err-one
	[[ $(stat -c %a "$dir/out") == 644 ]]
}

@test "--shell runs the arguments, joined, with /bin/sh -c" {
	in_exec c1 --shell -- echo '$((6 * 7))' '&&' echo second
	assert_success
	assert_output "42
second"
}

@test "the command inherits no descriptor beyond 0, 1 and 2" {
	in_exec c1 -- "$payload" fds
	assert_success
	run awk '{ print $1 }' <<<"$output"
	assert_output "0
1
2"
	# as nobody: a copy it can reach, whatever the build directory's mode
	mkdir "$MC_TMP/pub"
	cp "$payload" "$MC_TMP/pub/payload"
	chmod 755 "$MC_TMP" "$MC_TMP/pub"
	in_exec c2 --namespaces pid,mount --user nobody --seccomp default -- "$MC_TMP/pub/payload" fds
	assert_success
	run awk '{ print $1 }' <<<"$output"
	assert_output "0
1
2"
}

@test "all options together" {
	local prof=$MC_TMP/profile
	printf 'default allow\ndeny swapoff\n' >"$prof"
	mkdir "$MC_TMP/wd"
	chmod 755 "$MC_TMP" "$MC_TMP/wd"
	in_exec c1 --namespaces pid,mount,uts,ipc,net --hostname all-box \
		--user nobody --caps net_bind_service --no-new-privs \
		--seccomp "$prof" --rlimit nofile=64 --workdir "$MC_TMP/wd" \
		--clear-env --env A=1 --shell -- \
		'echo $$; hostname; id -u; ulimit -n; pwd; env | sort | tr "\n" " "; echo;' \
		'grep -E "^(CapEff|NoNewPrivs|Seccomp):" /proc/self/status'
	assert_success
	[[ ${lines[0]} == 1 ]]
	[[ ${lines[1]} == all-box ]]
	[[ ${lines[2]} == "$(id -u nobody)" ]]
	[[ ${lines[3]} == 64 ]]
	[[ ${lines[4]} == "$MC_TMP/wd" ]]
	[[ ${lines[5]} == "A=1 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin PWD=$MC_TMP/wd " ]] ||
		fail "env: ${lines[5]}"
	[[ $(status_field CapEff) == 0000000000000400 ]]
	[[ $(status_field NoNewPrivs) == 1 ]]
	[[ $(status_field Seccomp) == 2 ]]
}

# ---------------------------------------------------------------------------
# bad values: usage errors before anything is forked

BAD_VALUES=(
	--namespaces pid,bogus
	--namespaces ""
	--hostname x
	--user no-such-user-mc
	--user root:no-such-group-mc
	--user :0
	--caps cap_bogus
	--caps none,chown
	--rlimit nofile=10:5
	--rlimit bogus=1
	--rlimit nofile=abc
	--rlimit nofile
	--env =x
	--env NOEQUALS
	--seccomp /nonexistent/profile-mc
	--seccomp ""
	--workdir ""
	--stdout ""
)

@test "a bad value of each option is a usage error (2), nothing forked" {
	local i opt val
	timeout 30 mc-prepare c1
	for ((i = 0; i < ${#BAD_VALUES[@]}; i += 2)); do
		opt=${BAD_VALUES[i]}
		val=${BAD_VALUES[i + 1]}
		run_f mc-launch c1 "$opt" "$val" -- true
		((status == 2)) || fail "$opt '$val': exit $status, expected 2: $stderr"
		assert_error mc-launch
		[[ $stderr == *"$opt"* ]] || fail "$opt '$val': the message does not name it: $stderr"
		[[ ! -e $MC_RUN_DIR/c1/pid ]] || fail "$opt '$val': a pid was recorded"
		[[ -z $(cg_procs c1) ]] || fail "$opt '$val': processes in the container"
	done
	# the container is still there, unharmed, and launches
	in_exec_existing c1 -- true
}

# in_exec for a container prepared already.
in_exec_existing() {
	local id=$1 pid rc=0
	shift
	start_bg exec mc-launch "$id" "$@"
	pid=$BG_PID
	timeout 30 mc-isolate "$id" || fail "mc-isolate $id: $(cat "$MC_TMP/exec.err")"
	wait "$pid" || rc=$?
	((rc == 0)) || fail "exit $rc: $(cat "$MC_TMP/exec.err")"
}

@test "a bad option value for a container never prepared: exit 2, nothing created" {
	local i
	for ((i = 0; i < ${#BAD_VALUES[@]}; i += 2)); do
		run_f mc-launch c1 "${BAD_VALUES[i]}" "${BAD_VALUES[i + 1]}" -- true
		((status == 2)) || fail "${BAD_VALUES[i]} '${BAD_VALUES[i + 1]}': exit $status: $stderr"
		assert_error mc-launch
		assert_no_leftovers
	done
}
