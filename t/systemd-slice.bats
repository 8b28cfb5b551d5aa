#!/usr/bin/env bats
# Containers in a systemd slice of their own, and what recover says when
# something (systemd, on a host where the slice is not delegated) moved a
# container's executor out of its cgroup.  This host runs no systemd: the
# slice is tested as the cgroup root it becomes, and the migration is done
# by hand, the way systemd would do it.

load helper

@test "--systemd-slice puts the containers under the slice, in every hierarchy" {
	local slice=$MC_CGROUP_ROOT.slice
	unset MC_CGROUP_ROOT
	# teardown cleans the slice: it is this test's root from now on
	MC_CGROUP_ROOT=$slice
	run mc-prepare --systemd-slice "$slice" --mem 64M s1
	assert_success
	if [[ $CG_MODE == v2 ]]; then
		[[ -d $CGROUP_FS/$slice/s1 ]]
	else
		for c in $V1_CONTROLLERS; do
			[[ -d $CGROUP_FS/$c/$slice/s1 ]] || fail "no $c cgroup under the slice"
		done
	fi
	run env -u MC_CGROUP_ROOT mc-run --systemd-slice "$slice" -- sh -c 'cat /proc/self/cgroup'
	assert_success
	assert_output --partial "/$slice/mc-run-"
	run env -u MC_CGROUP_ROOT mc-destroy --systemd-slice "$slice" s1
	assert_success
	assert_no_leftovers
}

@test "--systemd-slice refuses a name that is not a slice" {
	run mc-prepare --systemd-slice "$MC_CGROUP_ROOT" s1
	assert_failure 2
	assert_output --partial "does not end in .slice"
	assert_nothing_created
}

@test "recover warns about an executor moved out of its cgroup and keeps it" {
	local esc
	start_container s1 "$payload" sleep 600
	# what systemd does to processes of a slice it manages itself
	if [[ $CG_MODE == v2 ]]; then
		esc=$CGROUP_FS/$MC_ESCAPE
	else
		esc=$CGROUP_FS/freezer/$MC_ESCAPE
	fi
	mkdir "$esc"
	echo "$LAUNCH_PID" >"$esc/cgroup.procs"
	run mc-recover
	assert_success
	assert_output --partial "s1 kept left-cgroup"
	assert_output --partial "has left the container's cgroup"
	proc_alive "$LAUNCH_PID"
	# back where it belongs, it is destroyed as usual
	if [[ $CG_MODE == v2 ]]; then
		echo "$LAUNCH_PID" >"$(cg_path - s1)/cgroup.procs"
	else
		echo "$LAUNCH_PID" >"$(cg_path freezer s1)/cgroup.procs"
	fi
	run mc-destroy s1
	assert_success
	wait_for proc_dead "$LAUNCH_PID"
	rmdir "$esc"
	assert_no_leftovers
}

@test "the shipped slice unit delegates its cgroups" {
	run grep -E '^Delegate=yes$' "$MC_SRCDIR/contrib/systemd/mc.slice"
	assert_success
	run grep -E '^\[Slice\]$' "$MC_SRCDIR/contrib/systemd/mc.slice"
	assert_success
}
