#!/usr/bin/env bats
# mc-isolate: into every cgroup, release; and the limits really bite.

load helper

@test "isolating an unknown container: exit 3" {
	run_f mc-isolate --timeout 1 nosuch
	assert_failure 3
	assert_error mc-isolate nosuch
	assert_no_leftovers
}

@test "isolate without a launch fails (1) after the timeout" {
	timeout 30 mc-prepare c1
	local t0 t1
	t0=$(date +%s.%N)
	run_f mc-isolate --timeout 1 c1
	t1=$(date +%s.%N)
	assert_failure 1
	assert_error mc-isolate c1
	# it names the step that is missing
	assert_equal "$stderr" "mc-isolate: c1: no launched process after 1 s: start one with mc-launch c1 -- CMD"
	python3 -c 'import sys; d=float(sys.argv[2])-float(sys.argv[1]); sys.exit(0 if 0.8 <= d <= 10 else 1)' "$t0" "$t1" ||
		fail "took $(python3 -c 'import sys; print(float(sys.argv[2])-float(sys.argv[1]))' "$t0" "$t1") s, expected about 1"
	# the container is still there
	[[ -d $MC_RUN_DIR/c1 ]]
}

@test "isolate without a launch names mc-launch, whatever the timeout" {
	timeout 30 mc-prepare job.2
	run_f mc-isolate --timeout 0.25 job.2
	assert_failure 1
	assert_equal "$stderr" "mc-isolate: job.2: no launched process after 0.250 s: start one with mc-launch job.2 -- CMD"
	# once launched, the same isolate goes through
	launch_detached job.2 -- sleep 100
	run_f mc-isolate --timeout 0.25 job.2
	assert_success
}

@test "isolate moves the child into every cgroup of the container" {
	timeout 30 mc-prepare c1 --pids 20 --mem 64M
	launch_detached c1 -- sleep 100
	run_f mc-isolate c1
	assert_success
	assert_output ""
	local c d
	if [[ $CG_MODE == v1 ]]; then
		for c in $V1_CONTROLLERS; do
			in_cgroup "$LAUNCH_PID" "$c" c1 ||
				fail "not in $c: $(cat "/proc/$LAUNCH_PID/cgroup")"
			grep -qx "$LAUNCH_PID" "$(cg_path "$c" c1)/cgroup.procs"
		done
	else
		in_cgroup "$LAUNCH_PID" - c1
		grep -qx "$LAUNCH_PID" "$(cg_path - c1)/cgroup.procs"
	fi
	# and it runs its command now, with the same pid
	wait_for comm_is "$LAUNCH_PID" sleep
}

@test "with --cpuset the child is in the cpuset cgroup and on those CPUs" {
	[[ $CG_MODE == v1 ]] || v2_has_controller cpuset ||
		skip "no cpuset controller in the v2 hierarchy"
	timeout 30 mc-prepare c1 --cpuset 0
	launch_detached c1 -- sleep 100
	run_f mc-isolate c1
	assert_success
	in_cgroup "$LAUNCH_PID" cpuset c1 || fail "$(cat "/proc/$LAUNCH_PID/cgroup")"
	run grep Cpus_allowed_list "/proc/$LAUNCH_PID/status"
	assert_output --regexp ':[[:space:]]+0$'
}

@test "isolate marks the container released" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- sleep 100
	[[ ! -e $MC_RUN_DIR/c1/released ]]
	run_f mc-isolate c1
	assert_success
	[[ -e $MC_RUN_DIR/c1/released ]]
}

@test "isolate waits for a launch that comes later" {
	timeout 30 mc-prepare c1
	start_bg iso mc-isolate --timeout 20 c1
	local iso=$BG_PID rc=0
	sleep 1
	launch_detached c1 -- sh -c 'echo ran'
	wait "$iso" || rc=$?
	((rc == 0)) || fail "isolate: $rc $(cat "$MC_TMP/iso.err")"
	wait_for has_exited c1
	grep -qx ran "$MC_RUN_DIR/c1/stdout"
}

@test "isolating twice is a conflict (4); the command runs once" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- sh -c 'echo once >>"$1"; sleep 100' sh "$MC_TMP/count"
	run_f mc-isolate c1
	assert_success
	run_f mc-isolate c1
	assert_failure 4
	assert_error mc-isolate c1
	wait_for test -s "$MC_TMP/count"
	sleep 0.3
	[[ $(wc -l <"$MC_TMP/count") == 1 ]]
	proc_alive "$LAUNCH_PID"
}

@test "children of the executor stay in the container" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- "$payload" procs 3
	run_f mc-isolate c1
	assert_success
	wait_for grep -qx ready "$MC_RUN_DIR/c1/stdout"
	run cg_procs c1
	((${#lines[@]} == 4)) || fail "expected 4 processes: $output"
	local p
	for p in "${lines[@]}"; do
		in_cgroup "$p" memory c1
		in_cgroup "$p" pids c1
	done
}

@test "the pids limit holds against 'while :; do sleep 100 & done'" {
	timeout 30 mc-prepare c1 --pids 16
	launch_detached c1 -- sh -c 'while :; do sleep 100 & done'
	run_f mc-isolate c1
	assert_success
	# let the loop run into the limit, then watch it hold
	wait_for -t 20 procs_at_least c1 12
	local i n cur max=0
	for ((i = 0; i < 30; i++)); do
		n=$(cg_procs c1 | wc -l)
		cur=$(cg_read pids c1 pids.current)
		((n <= 16)) || fail "$n processes in the container, limit 16"
		((cur <= 16)) || fail "pids.current $cur, limit 16"
		((n > max)) && max=$n
		sleep 0.1
	done
	((max >= 12)) || fail "the loop never came near the limit (max $max)"
	run_f mc-destroy c1
	assert_success
	assert_no_leftovers
}

@test "the memory limit kills a memory hog" {
	local extra=()
	if have_swap && have_swap_accounting; then
		extra=(--swap 0)
	fi
	timeout 30 mc-prepare c1 --mem 32M "${extra[@]}"
	launch_detached c1 -- "$payload" hog 200
	run_f mc-isolate c1
	assert_success
	wait_for -t 30 has_exited c1
	run cat "$MC_RUN_DIR/c1/exit"
	assert_output --regexp '^killed by signal 9'
	! grep -q allocated "$MC_RUN_DIR/c1/stdout"
}

@test "a memory hog under the limit lives" {
	timeout 30 mc-prepare c1 --mem 128M
	launch_detached c1 -- "$payload" hog 32 100
	run_f mc-isolate c1
	assert_success
	wait_for -t 20 grep -q '^allocated 32' "$MC_RUN_DIR/c1/stdout"
	proc_alive "$LAUNCH_PID"
}

cpu_usage_secs() {
	if [[ $CG_MODE == v1 ]]; then
		python3 -c 'import sys; print(int(sys.argv[1]) / 1e9)' "$(cg_read cpuacct "$1" cpuacct.usage)"
	else
		python3 -c '
import sys
for line in open(sys.argv[1]):
    k, v = line.split()
    if k == "usage_usec":
        print(int(v) / 1e6)
' "$(cg_path cpu "$1")/cpu.stat"
	fi
}

@test "the CPU cap holds: --cpu-limit 0.2 spinning 3 s uses well under 3 s of CPU" {
	[[ $CG_MODE == v1 ]] || v2_has_controller cpu || skip "no cpu controller in the v2 hierarchy"
	timeout 30 mc-prepare c1 --cpu-limit 0.2
	launch_detached c1 -- "$payload" spin 3
	run_f mc-isolate c1
	assert_success
	wait_for -t 20 has_exited c1
	local used
	used=$(cpu_usage_secs c1)
	python3 -c 'import sys; u=float(sys.argv[1]); sys.exit(0 if 0.1 <= u <= 1.2 else 1)' "$used" ||
		fail "used $used s of CPU, expected about 0.6"
}

@test "--while-alive ends the wait for the launch when that process has ended" {
	mc-prepare c1
	sleep 0.3 &
	local pid=$!
	run_f mc-isolate --timeout 20 --while-alive "$pid" c1
	assert_failure 1
	assert_equal "$stderr" "mc-isolate: c1: the launcher (pid $pid) ended before the launch"
	run mc-isolate --while-alive 0 c1
	assert_failure 2
	run mc-isolate --while-alive x c1
	assert_failure 2
}
