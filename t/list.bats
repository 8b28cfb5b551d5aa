#!/usr/bin/env bats
# mc-list: one line per container with its state.

load helper

row() { grep "^$1 " <<<"$output"; }

@test "each state shows: prepared, launched, running, exited, unknown" {
	mc-prepare p1
	mc-prepare l1
	launch_detached l1 -- "$payload" sleep 600
	local l1=$LAUNCH_PID
	start_container r1 "$payload" spin 600
	start_container e1 "$payload" exit 3
	wait_for has_exited e1
	start_container u1 "$payload" sleep 600
	# the executor and its supervisor gone without a record: unknown
	local sup
	sup=$(_mc_ppid "$LAUNCH_PID")
	kill -KILL "$sup" "$LAUNCH_PID"
	wait_for proc_dead "$LAUNCH_PID"
	sleep 0.5
	run_f mc-list
	assert_success
	assert_equal "$(wc -l <<<"$output")" 5
	[[ $(row p1) =~ ^p1\ +prepared\ +-\ +-\ +[0-9.]+s\ + ]] || fail "$(row p1)"
	[[ $(row l1) =~ ^l1\ +launched\ +$l1\ +[0-9]+s ]] || fail "$(row l1)"
	[[ $(row r1) =~ ^r1\ +running\ +[0-9]+\ +[0-9]+s\ +[0-9.]+s\ +[0-9.]+(B|KiB|MiB)\ +-$ ]] || fail "$(row r1)"
	[[ $(row e1) =~ ^e1\ +exited\ .*exited\ 3$ ]] || fail "$(row e1)"
	[[ $(row u1) =~ ^u1\ +unknown\  ]] || fail "$(row u1)"
}

@test "--format json: JSON Lines a script can read" {
	start_container r1 "$payload" sleep 600
	mc-prepare p1
	run_f mc-list --format json
	assert_success
	python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin.read().splitlines()]
by = {r["container_id"]: r for r in rows}
assert by["r1"]["state"] == "running" and isinstance(by["r1"]["pid"], int), by
assert by["r1"]["uptime_secs"] >= 0 and isinstance(by["r1"]["mem_bytes"], int), by
assert by["p1"]["state"] == "prepared" and "pid" not in by["p1"], by
' <<<"$output"
}

@test "an empty run directory lists nothing; a bad format is a usage error" {
	run_f mc-list
	assert_success
	assert_output ""
	run mc-list --format xml
	assert_failure 2
}
