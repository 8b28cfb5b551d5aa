#!/usr/bin/env bats
# mc-usage beyond the basics: throttling, pressure, the termination reason,
# the table and Prometheus formats, --watch.

load helper

field() {
	python3 -c '
import json, sys
o = json.loads(sys.stdin.readline())
v = o.get(sys.argv[1])
print("ABSENT" if v is None else v)
' "$1" <<<"$output"
}

@test "a cpu spin under --cpu-limit 0.1 is throttled" {
	mc-prepare --cpu-limit 0.1 spin
	launch_detached spin -- "$payload" spin 30
	mc-isolate spin
	sleep 1.5
	run_f mc-usage spin
	assert_success
	(($(field cpus_nr_periods) > 0)) || fail "no periods: $output"
	(($(field cpus_nr_throttled) > 0)) || fail "not throttled: $output"
	python3 -c 'import sys; assert float(sys.argv[1]) > 0' "$(field cpus_throttled_time_secs)"
	python3 -c 'import sys; assert 0 < float(sys.argv[1]) < 1.0' "$(field cpus_user_time_secs)" ||
		fail "a 0.1 cpu cap let it use more than 1 s in 1.5 s: $output"
	assert_equal "$(field cpus_limit)" 0.1
}

@test "an OOM kill is the container's termination reason, in usage, list and on stderr" {
	if [[ $CG_MODE == v1 ]] && have_swap; then
		skip "swap is on and not limited here: the hog would swap"
	fi
	mc-prepare --mem 32M oom
	run timeout 60 mc-launch oom -- "$payload" hog 200 &
	mc-isolate oom
	wait_for -t 30 has_exited oom
	run_f mc-usage oom
	assert_success
	(($(field mem_oom_events) >= 1)) || fail "$output"
	assert_equal "$(field reason)" "killed by signal 9: memory limit exceeded: limit 33554432, peak $(field mem_max_bytes)"
	run_f mc-list --format json
	assert_output --partial '"reason":"killed by signal 9: memory limit exceeded: limit 33554432'
	run grep -c '^memory.stat ' "$MC_RUN_DIR/oom/exit"
	(($output > 0))
}

@test "an OOM kill of another of its processes is the reason, the executor's own exit beside it" {
	if [[ $CG_MODE == v1 ]] && have_swap; then
		skip "swap is on and not limited here: the hog would swap"
	fi
	mc-prepare --mem 32M oom
	launch_detached oom -- sh -c '"$0" hog 200; exit 3' "$payload"
	mc-isolate oom
	wait_for -t 30 has_exited oom
	run_f mc-usage oom
	assert_success
	assert_equal "$(field reason)" "exited 3: memory limit exceeded: limit 33554432, peak $(field mem_max_bytes)"
}

@test "reaching the memory limit without an OOM kill is no termination reason" {
	local hits
	mc-prepare --mem 32M cache
	if [[ $CG_MODE == v2 ]]; then
		# over memory.high (set here, mc does not): throttled and
		# reclaimed, a change of memory.events without a kill
		echo $((10 * 1024 * 1024)) >"$(cg_path memory cache)/memory.high"
		launch_detached cache -- "$payload" hog 11 0
	else
		# 64 MiB of page cache under 32 MiB: reclaimed, never killed
		launch_detached cache -- sh -c 'dd if=/dev/zero of="$0" bs=1M count=64 2>/dev/null; rm -f "$0"' \
			"$MC_TMP/cache.data"
	fi
	mc-isolate cache
	wait_for -t 60 has_exited cache
	# the kernel's own count of the limit being reached
	if [[ $CG_MODE == v2 ]]; then
		hits=$(awk '$1 == "high" { print $2 }' "$(cg_path memory cache)/memory.events")
	else
		hits=$(cat "$(cg_path memory cache)/memory.failcnt")
	fi
	((hits > 0)) || fail "the memory limit was never reached"
	run_f mc-usage cache
	assert_success
	assert_equal "$(field mem_oom_events)" 0
	assert_equal "$(field reason)" "exited 0"
}

@test "mc-launch says on stderr that the executor died of the memory limit" {
	if [[ $CG_MODE == v1 ]] && have_swap; then
		skip "swap is on and not limited here: the hog would swap"
	fi
	mc-prepare --mem 32M oom
	start_bg launcher mc-launch oom -- "$payload" hog 200
	mc-isolate oom
	local status=0
	wait "$BG_PID" || status=$?
	assert_equal "$status" 137
	run cat "$MC_TMP/launcher.err"
	assert_output --regexp "^mc-launch: oom: memory limit exceeded: limit 33554432, peak [0-9]+$"
}

@test "pressure figures where the kernel has them, never made up" {
	start_container psi "$payload" sleep 600
	run_f mc-usage psi
	assert_success
	if [[ -f $(cg_path cpu psi)/cpu.pressure ]]; then
		[[ $(field cpu_pressure_some_avg10) != ABSENT ]]
		[[ $(field mem_pressure_full_avg10) != ABSENT ]]
		[[ $(field io_pressure_some_avg10) != ABSENT ]]
	else
		assert_equal "$(field cpu_pressure_some_avg10)" ABSENT
		assert_equal "$(field mem_pressure_some_avg10)" ABSENT
	fi
}

@test "figures the kernel lacks are left out (no pids limit: no pids_limit)" {
	mc-prepare nolimit
	run_f mc-usage nolimit
	assert_success
	assert_equal "$(field pids_limit)" ABSENT
	assert_equal "$(field mem_limit_bytes)" ABSENT
	assert_equal "$(field cpus_limit)" ABSENT
}

@test "--format table: a header and one aligned row per container, sizes in units" {
	mc-prepare --mem 64M --pids 10 t1
	mc-prepare --mem 1G a-longer-name
	run_f mc-usage --format table t1 a-longer-name
	assert_success
	assert_line --index 0 --regexp '^ID +PROCS +USER +SYSTEM +CPUS +THROTTLED +MEM +LIMIT +PEAK +OOM +PIDS +MAXPIDS$'
	assert_line --index 1 --regexp '^t1 +0 .* 64\.0MiB .* 10$'
	assert_line --index 2 --regexp '^a-longer-name +0 .* 1\.0GiB .* -$'
	# aligned: every line has its LIMIT column ending at the same place
	local ends
	ends=$(awk '{ print index($0, $8) + length($8) }' <<<"$output" | sort -u | wc -l)
	assert_equal "$ends" 1
}

@test "--format prom is valid Prometheus text exposition" {
	start_container p1 "$payload" sleep 600
	mc-prepare --mem 64M p2
	run_f mc-usage --format prom p1 p2
	assert_success
	if command -v promtool >/dev/null; then
		promtool check metrics <<<"$output"
	fi
	python3 - <<'PY' "$output"
import re, sys
text = sys.argv[1]
name = r'[a-zA-Z_:][a-zA-Z0-9_:]*'
helped, typed, seen = set(), {}, set()
for line in text.splitlines():
    if line.startswith('# HELP '):
        m = re.match(r'# HELP (%s) .+$' % name, line); assert m, line
        assert m.group(1) not in helped, 'HELP twice: ' + line
        helped.add(m.group(1))
    elif line.startswith('# TYPE '):
        m = re.match(r'# TYPE (%s) (counter|gauge)$' % name, line); assert m, line
        assert m.group(1) not in typed, 'TYPE twice: ' + line
        typed[m.group(1)] = m.group(2)
    else:
        m = re.match(r'(%s)\{container_id="([A-Za-z0-9_.-]+)"\} (-?[0-9.]+(e[+-]?[0-9]+)?)$' % name, line)
        assert m, 'bad sample: ' + line
        metric = m.group(1)
        assert metric in typed, 'sample before its TYPE: ' + line
        assert metric.startswith('mc_'), line
        if typed[metric] == 'counter':
            assert metric.endswith('_total'), 'counter without _total: ' + metric
        seen.add((metric, m.group(2)))
assert ('mc_processes', 'p1') in seen and ('mc_processes', 'p2') in seen
assert ('mc_cpus_user_seconds_total', 'p1') in seen
assert typed['mc_cpus_user_seconds_total'] == 'counter'
assert typed['mc_mem_total_bytes'] == 'gauge'
PY
}

@test "--watch repeats until the watched container is gone" {
	mc-prepare w1
	start_bg watch mc-usage --watch 0.2 w1
	sleep 1
	mc-destroy w1
	local status=0
	wait "$BG_PID" || status=$?
	# gone: the last round reports it missing
	assert_equal "$status" 3
	(($(grep -c '"container_id":"w1"' "$MC_TMP/watch.out") >= 3)) ||
		fail "not repeated: $(cat "$MC_TMP/watch.out")"
}

# lines_at_least FILE PATTERN N: FILE has at least N lines matching PATTERN.
lines_at_least() {
	(($(grep -c -- "$2" "$1") >= $3))
}

@test "--watch -f kv: a blank line between rounds as between containers" {
	local nblank nblocks
	mc-prepare k1
	mc-prepare k2
	start_bg watch mc-usage --format kv --watch 0.1 k1 k2
	wait_for -t 20 lines_at_least "$MC_TMP/watch.out" '^container_id=' 6
	mc-destroy k1 k2
	wait "$BG_PID" || true
	nblocks=$(grep -c '^container_id=' "$MC_TMP/watch.out")
	nblank=$(grep -c '^$' "$MC_TMP/watch.out")
	# every block but the first follows a blank line, nothing else does
	assert_equal "$nblank" "$((nblocks - 1))"
	python3 - "$MC_TMP/watch.out" <<'PY'
import sys
blocks = open(sys.argv[1]).read().split('\n\n')
for b in blocks:
    lines = b.strip('\n').split('\n')
    assert lines[0].startswith('container_id='), b
    assert all('=' in l for l in lines), b
    assert sum(l.startswith('timestamp=') for l in lines) == 1, b
PY
}

@test "--watch -f table: no header for a round without a container" {
	local last
	mc-prepare t1
	start_bg watch mc-usage --format table --watch 0.1 t1
	wait_for -t 20 lines_at_least "$MC_TMP/watch.out" '^t1 ' 2
	mc-destroy t1
	wait "$BG_PID" || true
	last=$(tail -n 1 "$MC_TMP/watch.out")
	[[ $last == "t1 "* ]] || fail "the output ends with '$last', not a row of t1"
	# each header is followed by a row
	assert_equal "$(grep -c '^ID ' "$MC_TMP/watch.out")" "$(grep -c '^t1 ' "$MC_TMP/watch.out")"
	# with --all: the last round, with no container left, prints nothing
	mc-prepare t2
	start_bg watch-all mc-usage --all --format table --watch 0.1
	wait_for -t 20 lines_at_least "$MC_TMP/watch-all.out" '^t2 ' 2
	mc-destroy t2
	wait "$BG_PID"
	last=$(tail -n 1 "$MC_TMP/watch-all.out")
	[[ $last == "t2 "* ]] || fail "the output ends with '$last', not a row of t2"
	# and so does a single round over an empty run directory
	run_f mc-usage --all --format table
	assert_success
	assert_output ""
}

@test "--watch takes seconds greater than 0, and says so" {
	local v
	mc-prepare c1
	for v in 0 0.0 -1 -0.5 abc 1s "" 86401; do
		run_f mc-usage --watch "$v" c1
		((status == 2)) || fail "--watch '$v': exit $status"
		assert_error mc-usage
		[[ $stderr == *"expected a number of seconds greater than 0"* ]] ||
			fail "--watch '$v': '$stderr'"
	done
}

@test "--all skips a container destroyed between listing and reading" {
	mc-prepare a1
	mc-prepare a2
	# a2's state goes while a1 is read: simulate with a state dir that has
	# no cgroups and no limits (what a half-destroyed container looks like)
	rm -f "$MC_RUN_DIR/a2/limits"
	mc-destroy a2
	run_f mc-usage --all
	assert_success
	assert_output --partial '"container_id":"a1"'
	refute_output --partial '"container_id":"a2"'
}
