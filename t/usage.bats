#!/usr/bin/env bats
# mc-usage: statistics with the Mesos ResourceStatistics names.

load helper

# Always there; the limits (cpus_limit, mem_limit_bytes, pids_limit) are
# there when the container has them.
FIELDS="container_id timestamp processes cpus_user_time_secs cpus_system_time_secs
mem_total_bytes mem_rss_bytes mem_cache_bytes mem_max_bytes mem_oom_events
pids_current"
LIMIT_FIELDS="cpus_limit mem_limit_bytes pids_limit"

INT_FIELDS="processes mem_total_bytes mem_limit_bytes mem_rss_bytes mem_cache_bytes
mem_max_bytes mem_oom_events pids_current pids_limit"

json_check() {
	python3 -c '
import json, sys
id, fields, ints = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
exprs = sys.argv[4:]
found = None
for line in sys.stdin.read().splitlines():
    o = json.loads(line)
    assert isinstance(o, dict), line
    if o.get("container_id") == id:
        found = o
if found is None:
    sys.exit("no object for %s" % id)
o = found
for f in fields:
    if f not in o:
        sys.exit("missing field %s" % f)
for f in ints:
    if f in o and (not isinstance(o[f], int) or isinstance(o[f], bool)):
        sys.exit("%s is not an integer: %r" % (f, o[f]))
for f in ("timestamp", "cpus_user_time_secs", "cpus_system_time_secs"):
    if not isinstance(o[f], (int, float)) or isinstance(o[f], bool):
        sys.exit("%s is not a number: %r" % (f, o[f]))
for e in exprs:
    if not eval(e, {}, {"o": o}):
        sys.exit("false: %s (object: %s)" % (e, json.dumps(o)))
' "$@" <<<"$output"
}

usage_ok() {
	local id=$1
	shift
	run_f mc-usage "$id"
	assert_success
	json_check "$id" "$FIELDS" "$INT_FIELDS" "$@" || fail "output: $output"
}

@test "mc-usage of an unknown container: exit 3, nothing on stdout" {
	run_f mc-usage nosuch
	assert_failure 3
	assert_output ""
	assert_error mc-usage nosuch
}

@test "one JSON object on one line with every field (prepared container)" {
	timeout 30 mc-prepare c1 --mem 64M --pids 32 --cpus 0.5
	run_f mc-usage c1
	assert_success
	((${#lines[@]} == 1)) || fail "expected one line: $output"
	json_check c1 "$FIELDS $LIMIT_FIELDS" "$INT_FIELDS" \
		'o["processes"] == 0' \
		'o["mem_limit_bytes"] == 64 * 1024 * 1024' \
		'o["pids_limit"] == 32' \
		'abs(o["timestamp"] - __import__("time").time()) < 60' ||
		fail "output: $output"
}

@test "usage reports processes and pids of a running container" {
	timeout 30 mc-prepare c1 --pids 32
	launch_detached c1 -- "$payload" procs 3
	run_f mc-isolate c1
	assert_success
	wait_for grep -qx ready "$MC_RUN_DIR/c1/stdout"
	usage_ok c1 'o["processes"] == 4' 'o["pids_current"] == 4' 'o["pids_limit"] == 32'
}

@test "usage reports CPU time" {
	timeout 30 mc-prepare c1
	launch_detached c1 -- "$payload" burn 1
	run_f mc-isolate c1
	assert_success
	wait_for -t 30 has_exited c1
	usage_ok c1 'o["cpus_user_time_secs"] + o["cpus_system_time_secs"] > 0.9' \
		'o["cpus_user_time_secs"] + o["cpus_system_time_secs"] < 10'
}

@test "usage reports memory: rss, total and peak of a hog" {
	timeout 30 mc-prepare c1 --mem 256M
	launch_detached c1 -- "$payload" hog 64 100
	run_f mc-isolate c1
	assert_success
	wait_for -t 20 grep -q '^allocated' "$MC_RUN_DIR/c1/stdout"
	local mb=$((1024 * 1024))
	usage_ok c1 "o['mem_rss_bytes'] >= 56 * $mb" \
		"o['mem_total_bytes'] >= 56 * $mb" \
		"o['mem_max_bytes'] >= 56 * $mb" \
		"o['mem_limit_bytes'] == 256 * $mb" \
		"o['mem_oom_events'] == 0"
}

@test "cpus_limit is the --cpu-limit cap, else the --cpus share" {
	timeout 30 mc-prepare c1 --cpu-limit 1.5 --cpus 0.5
	timeout 30 mc-prepare c2 --cpus 0.5
	usage_ok c1 'abs(o["cpus_limit"] - 1.5) < 0.01'
	usage_ok c2 'abs(o["cpus_limit"] - 0.5) < 0.01'
}

@test "an OOM kill is counted in mem_oom_events" {
	local extra=()
	if have_swap && have_swap_accounting; then
		extra=(--swap 0)
	fi
	timeout 30 mc-prepare c1 --mem 32M "${extra[@]}"
	launch_detached c1 -- "$payload" hog 200
	run_f mc-isolate c1
	assert_success
	wait_for -t 30 has_exited c1
	usage_ok c1 'o["mem_oom_events"] >= 1' 'o["processes"] == 0' \
		'o["mem_limit_bytes"] == 32 * 1024 * 1024'
}

@test "several IDs: one line each, in order" {
	timeout 30 mc-prepare c1
	timeout 30 mc-prepare c2
	run_f mc-usage c1 c2
	assert_success
	((${#lines[@]} == 2)) || fail "expected two lines: $output"
	python3 -c '
import json, sys
ids = [json.loads(l)["container_id"] for l in sys.stdin.read().splitlines()]
sys.exit(0 if ids == ["c1", "c2"] else "order: %r" % ids)
' <<<"$output"
	json_check c1 "$FIELDS" "$INT_FIELDS"
	json_check c2 "$FIELDS" "$INT_FIELDS"
}

@test "several IDs with an unknown one: exit 3" {
	timeout 30 mc-prepare c1
	run_f mc-usage c1 nosuch
	assert_failure 3
	assert_error mc-usage nosuch
}

@test "--all covers every container" {
	timeout 30 mc-prepare c1
	timeout 30 mc-prepare c2
	timeout 30 mc-prepare c3
	run_f mc-usage --all
	assert_success
	((${#lines[@]} == 3)) || fail "expected three lines: $output"
	local id
	for id in c1 c2 c3; do
		json_check "$id" "$FIELDS" "$INT_FIELDS" || fail "$output"
	done
}

@test "--all with no container prints nothing and succeeds" {
	run_f mc-usage --all
	assert_success
	assert_output ""
}

@test "--format kv prints key=value lines" {
	timeout 30 mc-prepare c1 --mem 64M --pids 32 --cpus 0.5
	run_f mc-usage --format kv c1
	assert_success
	local f
	for f in $FIELDS $LIMIT_FIELDS; do
		printf '%s\n' "${lines[@]}" | grep -Eq "^$f=" || fail "no $f= line: $output"
	done
	printf '%s\n' "${lines[@]}" | grep -Eq '^container_id="?c1"?$'
	printf '%s\n' "${lines[@]}" | grep -qx 'mem_limit_bytes=67108864'
	printf '%s\n' "${lines[@]}" | grep -qx 'pids_limit=32'
	# nothing but key=value (and blank separators)
	! printf '%s\n' "${lines[@]}" | grep -Ev '^$|^[a-z0-9_]+=.*$'
}

@test "--format prom prints Prometheus text with a container_id label" {
	timeout 30 mc-prepare c1 --mem 64M --pids 32
	run_f mc-usage c1 --format prom
	assert_success
	python3 -c '
import re, sys
sample = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\} (\S+)( \d+)?$")
seen = {}
for line in sys.stdin.read().splitlines():
    if not line or line.startswith("#"):
        if line.startswith("# TYPE") or line.startswith("# HELP") or not line:
            continue
        sys.exit("bad comment: " + line)
    m = sample.match(line)
    if not m:
        sys.exit("not a sample: " + line)
    if "container_id=\"c1\"" not in m.group(2):
        sys.exit("no container_id label: " + line)
    float(m.group(3))
    seen[m.group(1)] = float(m.group(3))
lim = [v for k, v in seen.items() if k.endswith("mem_limit_bytes")]
if lim != [67108864]:
    sys.exit("mem_limit_bytes: %r" % lim)
pl = [v for k, v in seen.items() if k.endswith("pids_limit")]
if pl != [32]:
    sys.exit("pids_limit: %r" % pl)
' <<<"$output" || fail "output: $output"
}

@test "--all --format prom labels every container" {
	timeout 30 mc-prepare c1
	timeout 30 mc-prepare c2
	run_f mc-usage --all --format prom
	assert_success
	assert_output --partial 'container_id="c1"'
	assert_output --partial 'container_id="c2"'
}
