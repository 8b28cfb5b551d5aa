#!/usr/bin/env bats
# mc-update: limits changed in place, with the seed's memory rules.

load helper

mem_file() { [[ $CG_MODE == v2 ]] && echo memory.max || echo memory.limit_in_bytes; }
soft_file() { [[ $CG_MODE == v2 ]] && echo memory.low || echo memory.soft_limit_in_bytes; }

@test "raising the hard memory limit takes effect at once" {
	start_container u1 "$payload" sleep 600
	run mc-update --mem 64M u1
	assert_success
	mc-update --mem 128M u1
	assert_equal "$(cg_read memory u1 "$(mem_file)")" 134217728
	run grep '^mem=' "$MC_RUN_DIR/u1/limits"
	assert_output mem=134217728
}

@test "lowering below the usage sets the soft limit, keeps the hard one, exits 1" {
	mc-prepare --mem 256M u1
	launch_detached u1 -- "$payload" hog 60
	mc-isolate u1
	wait_for -t 20 bash -c "(( \$(cat $(cg_path memory u1)/$( [[ $CG_MODE == v2 ]] && echo memory.current || echo memory.usage_in_bytes)) > 50000000 ))"
	run mc-update --mem 16M u1
	assert_failure 1
	assert_output --regexp "^mc-update: u1: memory in use \([0-9]+\) is not below the new limit 16777216: soft limit set to it, hard limit kept at 268435456$"
	assert_equal "$(cg_read memory u1 "$(mem_file)")" 268435456
	assert_equal "$(cg_read memory u1 "$(soft_file)")" 16777216
	proc_alive "$LAUNCH_PID"
}

@test "lowering above the usage is applied" {
	start_container u1 "$payload" sleep 600
	mc-update --mem 256M u1
	run mc-update --mem 64M u1
	assert_success
	assert_equal "$(cg_read memory u1 "$(mem_file)")" 67108864
}

@test "memory and swap are written in the order the kernel accepts, both ways" {
	have_swap_accounting || skip "no swap accounting on this kernel"
	mc-prepare --mem 64M --swap 16M u1
	if [[ $CG_MODE == v1 ]]; then
		assert_equal "$(cg_read memory u1 memory.memsw.limit_in_bytes)" $((80 << 20))
		run mc-update --mem 512M --swap 512M u1
		assert_success
		assert_equal "$(cg_read memory u1 memory.limit_in_bytes)" $((512 << 20))
		assert_equal "$(cg_read memory u1 memory.memsw.limit_in_bytes)" $((1024 << 20))
		run mc-update --mem 32M --swap 8M u1
		assert_success
		assert_equal "$(cg_read memory u1 memory.limit_in_bytes)" $((32 << 20))
		assert_equal "$(cg_read memory u1 memory.memsw.limit_in_bytes)" $((40 << 20))
		run mc-update --mem 48M u1
		assert_success
		assert_equal "$(cg_read memory u1 memory.memsw.limit_in_bytes)" $((56 << 20))
	else
		run mc-update --swap 1G u1
		assert_success
		assert_equal "$(cg_read memory u1 memory.swap.max)" $((1 << 30))
	fi
}

@test "cpu shares, quota, pids and cpuset change in place" {
	start_container u1 "$payload" sleep 600
	run mc-update --cpus 2 --cpu-limit 1.5 --pids 40 u1
	assert_success
	if [[ $CG_MODE == v1 ]]; then
		assert_equal "$(cg_read cpu u1 cpu.shares)" 2048
		assert_equal "$(cg_read cpu u1 cpu.cfs_quota_us)" 150000
	else
		assert_equal "$(cg_read cpu u1 cpu.max)" "150000 100000"
		(($(cg_read cpu u1 cpu.weight) > 100))
	fi
	assert_equal "$(cg_read pids u1 pids.max)" 40
	proc_alive "$LAUNCH_PID"
}

@test "a bad value is a usage error and changes nothing" {
	mc-prepare --mem 64M --pids 10 u1
	local before
	before=$(cat "$MC_RUN_DIR/u1/limits")
	for args in "--mem 12Q" "--pids 0" "--cpus -1" "--cpuset x" "--mem-soft 1G" "--swap 1M --mem 0"; do
		run mc-update $args u1
		assert_failure 2
		assert_equal "$(cat "$MC_RUN_DIR/u1/limits")" "$before"
		assert_equal "$(cg_read pids u1 pids.max)" 10
		assert_equal "$(cg_read memory u1 "$(mem_file)")" 67108864
	done
	run mc-update u1
	assert_failure 2
}

@test "updating an unknown container: exit 3" {
	run mc-update --mem 64M nosuch
	assert_failure 3
	assert_output --regexp "^mc-update: nosuch: no such container$"
}

@test "--cpuset beyond the host's CPUs says which CPUs there are; the old cpuset stays" {
	[[ $CG_MODE == v1 ]] || v2_has_controller cpuset ||
		skip "no cpuset controller in the v2 hierarchy"
	local beyond
	beyond=$(cpu_beyond_host)
	mc-prepare --cpuset 0 u1
	run_f mc-update --cpuset "0-$beyond" u1
	assert_failure 1
	assert_error mc-update u1
	assert_equal "$stderr" "mc-update: u1: $(cpuset_refused_message "0-$beyond")"
	assert_equal "$(cg_read cpuset u1 cpuset.cpus)" 0
	run grep '^cpuset=' "$MC_RUN_DIR/u1/limits"
	assert_output cpuset=0
}
