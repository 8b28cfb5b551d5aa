#!/usr/bin/env bats
# mc-prepare: cgroups, limits, state directory.

load helper

prepare() {
	run --separate-stderr timeout 30 mc-prepare "$@"
	assert_success
	assert_output ""
}

@test "prepare creates the container's cgroups in every hierarchy it uses" {
	prepare c1
	local d
	for d in $(expected_dirs c1); do
		[[ -d $d ]] || fail "missing cgroup $d"
	done
	if [[ $CG_MODE == v1 ]]; then
		# cpuset only when asked for
		[[ ! -d $(cg_path cpuset c1) ]] || fail "cpuset cgroup created without --cpuset"
	fi
	# nothing runs there yet
	[[ -z $(cg_procs c1) ]]
}

@test "prepare creates the state directory, mode 0700, with limits and cgroups" {
	prepare c1 --mem 64M
	local dir=$MC_RUN_DIR/c1
	[[ -d $dir && ! -L $dir ]]
	[[ $(stat -c %a "$dir") == 700 ]]
	[[ $(stat -c %u "$dir") == 0 ]]
	[[ -f $dir/limits ]]
	[[ -f $dir/cgroups ]]
	# no pid before a launch, no exit status
	[[ ! -e $dir/pid ]]
	[[ ! -e $dir/exit ]]
	[[ ! -e $dir/released ]]
}

@test "prepare creates a run directory that does not exist yet" {
	rmdir "$MC_RUN_DIR"
	prepare c1
	[[ -d $MC_RUN_DIR/c1 ]]
}

@test "--cpus sets cpu.shares = max(1024*N, 2) (v1)" {
	[[ $CG_MODE == v1 ]] || skip "cpu.shares is cgroup v1"
	prepare c1 --cpus 0.5
	prepare c2 --cpus 1
	prepare c3 --cpus 2.25
	prepare c4 --cpus 0.001
	[[ $(cg_read cpu c1 cpu.shares) == 512 ]]
	[[ $(cg_read cpu c2 cpu.shares) == 1024 ]]
	[[ $(cg_read cpu c3 cpu.shares) == 2304 ]]
	[[ $(cg_read cpu c4 cpu.shares) == 2 ]]
}

@test "--cpus sets cpu.weight by crun's mapping (v2)" {
	[[ $CG_MODE == v2 ]] || skip "cpu.weight is cgroup v2"
	v2_has_controller cpu || skip "no cpu controller in the v2 hierarchy"
	prepare c1 --cpus 1
	[[ $(cg_read cpu c1 cpu.weight) == 100 ]]
	prepare c2 --cpus 0.001
	[[ $(cg_read cpu c2 cpu.weight) == 1 ]]
	prepare c3 --cpus 256
	[[ $(cg_read cpu c3 cpu.weight) == 10000 ]]
}

@test "--cpu-limit sets the CFS quota with a 100 ms period" {
	prepare c1 --cpu-limit 1.5
	prepare c2 --cpu-limit 0.001
	if [[ $CG_MODE == v1 ]]; then
		[[ $(cg_read cpu c1 cpu.cfs_period_us) == 100000 ]]
		[[ $(cg_read cpu c1 cpu.cfs_quota_us) == 150000 ]]
		[[ $(cg_read cpu c2 cpu.cfs_quota_us) == 1000 ]]
	else
		v2_has_controller cpu || skip "no cpu controller in the v2 hierarchy"
		[[ $(cg_read cpu c1 cpu.max) == "150000 100000" ]]
		[[ $(cg_read cpu c2 cpu.max) == "1000 100000" ]]
	fi
}

@test "--mem sets the hard memory limit" {
	prepare c1 --mem 64M
	if [[ $CG_MODE == v1 ]]; then
		[[ $(cg_read memory c1 memory.limit_in_bytes) == 67108864 ]]
	else
		[[ $(cg_read memory c1 memory.max) == 67108864 ]]
	fi
}

@test "--mem-soft sets the soft memory limit" {
	prepare c1 --mem-soft 32M
	if [[ $CG_MODE == v1 ]]; then
		[[ $(cg_read memory c1 memory.soft_limit_in_bytes) == 33554432 ]]
	else
		[[ $(cg_read memory c1 memory.low) == 33554432 ]]
	fi
}

@test "--swap sets the swap limit (v1: memsw = mem + swap)" {
	if [[ $CG_MODE == v1 ]]; then
		have_swap_accounting || skip "the kernel has no memory.memsw files (swap accounting off)"
		prepare c1 --mem 64M --swap 16M
		[[ $(cg_read memory c1 memory.limit_in_bytes) == 67108864 ]]
		[[ $(cg_read memory c1 memory.memsw.limit_in_bytes) == 83886080 ]]
		prepare c2 --mem 32M --swap 0
		[[ $(cg_read memory c2 memory.memsw.limit_in_bytes) == 33554432 ]]
	else
		prepare c1 --mem 64M --swap 16M
		[[ -f $(cg_path memory c1)/memory.swap.max ]] ||
			skip "the kernel has no memory.swap.max (swap accounting off)"
		[[ $(cg_read memory c1 memory.swap.max) == 16777216 ]]
		[[ $(cg_read memory c1 memory.max) == 67108864 ]]
	fi
}

@test "--pids sets pids.max" {
	prepare c1 --pids 32
	[[ $(cg_read pids c1 pids.max) == 32 ]]
}

@test "--cpuset sets cpuset.cpus (v1: its own cgroup, mems copied from the parent)" {
	prepare c1 --cpuset 0
	if [[ $CG_MODE == v1 ]]; then
		[[ -d $(cg_path cpuset c1) ]]
		[[ $(cg_read cpuset c1 cpuset.cpus) == 0 ]]
		[[ -n $(cg_read cpuset c1 cpuset.mems) ]]
		[[ $(cg_read cpuset c1 cpuset.mems) == "$(cat "$CGROUP_FS/cpuset/cpuset.mems")" ]]
	else
		v2_has_controller cpuset || skip "no cpuset controller in the v2 hierarchy"
		[[ $(cg_read cpuset c1 cpuset.cpus) == 0 ]]
	fi
}

@test "--cpuset beyond the host's CPUs says which CPUs there are (1), nothing left" {
	[[ $CG_MODE == v1 ]] || v2_has_controller cpuset ||
		skip "no cpuset controller in the v2 hierarchy"
	local beyond list
	beyond=$(cpu_beyond_host)
	for list in "$beyond" "0-$beyond" "0,$((beyond + 5))"; do
		run_f mc-prepare --cpuset "$list" c1
		assert_failure 1
		assert_error mc-prepare c1
		assert_equal "$stderr" "mc-prepare: c1: $(cpuset_refused_message "$list")"
		assert_no_leftovers
	done
	# what the message names is taken
	prepare c1 --cpuset "$(host_cpus)"
	assert_equal "$(cg_read cpuset c1 cpuset.cpus)" "$(host_cpus)"
}

@test "--cpuset takes a list and ranges" {
	local n
	n=$(nproc --all)
	((n >= 2)) || skip "needs two CPUs, the host has $n"
	[[ $CG_MODE == v1 ]] || v2_has_controller cpuset ||
		skip "no cpuset controller in the v2 hierarchy"
	prepare c1 --cpuset 0-1
	prepare c2 --cpuset 0,1
	[[ $(cg_read cpuset c1 cpuset.cpus) == 0-1 ]]
	[[ $(cg_read cpuset c2 cpuset.cpus) == 0-1 ]]
}

@test "every limit at once" {
	prepare c1 --cpus 0.5 --cpu-limit 2 --mem 128M --mem-soft 64M --pids 32
	[[ $(cg_read pids c1 pids.max) == 32 ]]
	if [[ $CG_MODE == v1 ]]; then
		[[ $(cg_read cpu c1 cpu.shares) == 512 ]]
		[[ $(cg_read cpu c1 cpu.cfs_quota_us) == 200000 ]]
		[[ $(cg_read memory c1 memory.limit_in_bytes) == 134217728 ]]
		[[ $(cg_read memory c1 memory.soft_limit_in_bytes) == 67108864 ]]
	else
		[[ $(cg_read memory c1 memory.max) == 134217728 ]]
		[[ $(cg_read memory c1 memory.low) == 67108864 ]]
	fi
}

mem_limit_of() {
	if [[ $CG_MODE == v1 ]]; then
		cg_read memory "$1" memory.limit_in_bytes
	else
		cg_read memory "$1" memory.max
	fi
}

@test "sizes take K, M, G (powers of 1024) or plain bytes" {
	prepare k --mem 65536K
	prepare m --mem 100M
	prepare g --mem 1G
	prepare b --mem 10485760
	[[ $(mem_limit_of k) == 67108864 ]]
	[[ $(mem_limit_of m) == 104857600 ]]
	[[ $(mem_limit_of g) == 1073741824 ]]
	[[ $(mem_limit_of b) == 10485760 ]]
}

@test "bad sizes are usage errors (2) and create nothing" {
	local s
	for s in 12Q -1 "" 0x10 M 1.5.5 12K3 99999999999999999999999G; do
		run --separate-stderr timeout 30 mc-prepare c1 --mem "$s"
		if ((status != 2)); then
			fail "--mem '$s': exit $status, expected 2"
		fi
		assert_error mc-prepare
		assert_no_leftovers
		run --separate-stderr timeout 30 mc-prepare c1 --mem-soft "$s"
		((status == 2)) || fail "--mem-soft '$s': exit $status, expected 2"
		run --separate-stderr timeout 30 mc-prepare c1 --swap "$s"
		((status == 2)) || fail "--swap '$s': exit $status, expected 2"
		assert_no_leftovers
	done
}

@test "bad cpu, pids and cpuset values are usage errors (2) and create nothing" {
	local args
	while IFS= read -r args; do
		# shellcheck disable=SC2086
		run --separate-stderr timeout 30 mc-prepare c1 $args
		if ((status != 2)); then
			fail "mc-prepare c1 $args: exit $status, expected 2"
		fi
		assert_error mc-prepare
		assert_no_leftovers
	done <<'EOF'
--cpus abc
--cpus -1
--cpus 1x
--cpu-limit abc
--cpu-limit -2
--pids abc
--pids -5
--pids 1.5
--cpuset x
--cpuset 1-
--cpuset 3-1
EOF
}

@test "preparing an existing ID is a conflict (4) and leaves it as it was" {
	prepare c1 --pids 10
	run --separate-stderr timeout 30 mc-prepare c1 --pids 20
	assert_failure 4
	assert_error mc-prepare c1
	[[ $(cg_read pids c1 pids.max) == 10 ]]
	[[ -d $MC_RUN_DIR/c1 ]]
	local d
	for d in $(expected_dirs c1); do
		[[ -d $d ]]
	done
}

@test "a prepare the kernel refuses fails and removes what it created" {
	# syntactically fine, but no such CPU on this machine
	run --separate-stderr timeout 30 mc-prepare c1 --pids 10 --mem 64M --cpuset 4000
	assert_failure
	((status == 1 || status == 2)) || fail "exit $status, expected 1 or 2"
	assert_error mc-prepare
	assert_no_leftovers
	# and the ID is free again
	prepare c1 --pids 10
}

@test "prepare, destroy, prepare the same ID again" {
	prepare c1 --mem 64M
	run --separate-stderr timeout 30 mc-destroy c1
	assert_success
	assert_no_leftovers
	prepare c1 --mem 32M
	[[ $(mem_limit_of c1) == 33554432 ]]
}

@test "several containers side by side" {
	prepare c1 --pids 11
	prepare c2 --pids 12
	prepare c3 --pids 13
	[[ $(cg_read pids c1 pids.max) == 11 ]]
	[[ $(cg_read pids c2 pids.max) == 12 ]]
	[[ $(cg_read pids c3 pids.max) == 13 ]]
	local id
	for id in c1 c2 c3; do
		run --separate-stderr timeout 30 mc-destroy "$id"
		assert_success
	done
	assert_no_leftovers
}
