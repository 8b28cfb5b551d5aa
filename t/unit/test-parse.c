/* Unit tests of the pure parsers in common/parse.c, limits.c and
 * cgroup-mode.c and cgroup-cpuset.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup-cpuset.h"
#include "cgroup-mode.h"
#include "reslimits.h"
#include "parse.h"
#include "procfs.h"
#include "tap.h"

static void test_ids(void)
{
	char long_id[80];

	ok(mc_valid_id("web1"), "plain id");
	ok(mc_valid_id("a.b_c-d"), "id with . _ -");
	ok(!mc_valid_id(""), "empty id refused");
	ok(!mc_valid_id("../x"), "../x refused");
	ok(!mc_valid_id("a/b"), "a/b refused");
	ok(!mc_valid_id(".x"), ".x refused");
	ok(!mc_valid_id("-x"), "-x refused");
	ok(!mc_valid_id("a b"), "space refused");
	memset(long_id, 'a', 64);
	long_id[64] = '\0';
	ok(mc_valid_id(long_id), "64 characters accepted");
	long_id[64] = 'a';
	long_id[65] = '\0';
	ok(!mc_valid_id(long_id), "65 characters refused");
	ok(!mc_valid_id("cgroup.procs"), "cgroup.procs refused");
	ok(!mc_valid_id("tasks"), "tasks refused");
	ok(!mc_valid_id("memory.max"), "memory.max refused");
	ok(!mc_valid_id("notify_on_release"), "notify_on_release refused");
	ok(mc_valid_id("memoryhog"), "memoryhog is fine");
}

static void test_sizes(void)
{
	uint64_t v = 0;

	ok(mc_parse_size("128M", &v) == 0 && v == 128ULL << 20, "128M");
	ok(mc_parse_size("1k", &v) == 0 && v == 1024, "1k");
	ok(mc_parse_size("2G", &v) == 0 && v == 2ULL << 30, "2G");
	ok(mc_parse_size("512MiB", &v) == 0 && v == 512ULL << 20, "512MiB");
	ok(mc_parse_size("4096", &v) == 0 && v == 4096, "plain bytes");
	ok(mc_parse_size("", &v) < 0, "empty refused");
	ok(mc_parse_size("12Q", &v) < 0, "12Q refused");
	ok(mc_parse_size("-1", &v) < 0, "-1 refused");
	ok(mc_parse_size("0x10", &v) < 0, "0x10 refused");
	ok(mc_parse_size("1.5G", &v) < 0, "1.5G refused");
	ok(mc_parse_size("99999999999999999999", &v) < 0, "overflow refused");
	ok(mc_parse_size("17179869184G", &v) < 0, "suffix overflow refused");
	ok(mc_parse_size("M", &v) < 0, "suffix alone refused");
}

static void test_cpus(void)
{
	double d = 0;

	ok(mc_parse_cpus("0.5", &d) == 0 && d == 0.5, "0.5 cpus");
	ok(mc_parse_cpus("2", &d) == 0 && d == 2, "2 cpus");
	ok(mc_parse_cpus(".25", &d) == 0 && d == 0.25, ".25 cpus");
	ok(mc_parse_cpus("0", &d) < 0, "0 refused");
	ok(mc_parse_cpus("-1", &d) < 0, "-1 refused");
	ok(mc_parse_cpus("1e3", &d) < 0, "exponent refused");
	ok(mc_parse_cpus("abc", &d) < 0, "abc refused");
	ok(mc_parse_cpus(".", &d) < 0, ". refused");
	ok(mc_parse_seconds("0", &d) == 0 && d == 0, "0 seconds");
	ok(mc_parse_seconds("0.000", &d) == 0 && d == 0, "0.000 seconds");
	ok(mc_parse_seconds("2.5", &d) == 0 && d == 2.5, "2.5 seconds");
	ok(mc_parse_seconds("", &d) < 0, "empty seconds refused");
	ok(mc_parse_seconds("0.", &d) < 0 || d == 0, "0. is zero or refused");
	is_int(mc_cpu_shares(0.5), 512, "0.5 cpus -> 512 shares");
	is_int(mc_cpu_shares(0.001), 2, "tiny share floored at 2");
	is_int(mc_cpu_shares(1000), 262144, "huge share capped");
	is_int(mc_shares_to_weight(1024), 100, "1024 shares -> weight 100");
	is_int(mc_shares_to_weight(2), 1, "2 shares -> weight 1");
	is_int(mc_shares_to_weight(262144), 10000, "262144 shares -> weight 10000");
	ok(mc_shares_to_weight(512) > 1 && mc_shares_to_weight(512) < 100, "512 in between");
	is_int(mc_cfs_quota(0.5), 50000, "0.5 cpu quota");
	is_int(mc_cfs_quota(0.001), 1000, "quota floor 1000");
}

static void test_cpu_lists(void)
{
	ok(mc_valid_cpu_list("0"), "0");
	ok(mc_valid_cpu_list("0-3,5,7-8"), "ranges");
	ok(!mc_valid_cpu_list(""), "empty refused");
	ok(!mc_valid_cpu_list("3-1"), "reversed range refused");
	ok(!mc_valid_cpu_list("0,"), "trailing comma refused");
	ok(!mc_valid_cpu_list("a"), "letters refused");
	ok(!mc_valid_cpu_list("0--1"), "double dash refused");
	/* --cpuset against what the parent cgroup offers */
	ok(mc_cpu_list_within("0", "0-1"), "0 within 0-1");
	ok(mc_cpu_list_within("1,0", "0-1"), "1,0 within 0-1");
	ok(mc_cpu_list_within("0-1", "0-1"), "a list within itself");
	ok(mc_cpu_list_within("2,5-6", "0-3,5-7"), "ranges within ranges");
	ok(mc_cpu_list_within("65535", "65530-65535"), "the highest CPU");
	ok(!mc_cpu_list_within("7", "0-1"), "7 not within 0-1");
	ok(!mc_cpu_list_within("1-2", "0-1"), "a range reaching out");
	ok(!mc_cpu_list_within("4", "0-3,5-7"), "the hole of a list");
	ok(!mc_cpu_list_within("0", ""), "nothing within an empty list");
	ok(!mc_cpu_list_within("x", "0-1"), "a list that does not parse");
}

static void test_stat_files(void)
{
	const char *cpu = "usage_usec 1234\nuser_usec 1000\nsystem_usec 234\nnr_periods 7\n";
	const char *mem = "anon 4096\nanon_thp 0\nfile 8192\nfile_mapped 12\n";
	uint64_t v = 0;
	bool unlimited;

	ok(mc_stat_lookup(cpu, "user_usec", &v) == 0 && v == 1000, "user_usec");
	ok(mc_stat_lookup(cpu, "nr_periods", &v) == 0 && v == 7, "last line");
	ok(mc_stat_lookup(mem, "anon", &v) == 0 && v == 4096, "anon, not anon_thp");
	ok(mc_stat_lookup(mem, "file", &v) == 0 && v == 8192, "file, not file_mapped");
	ok(mc_stat_lookup(mem, "shmem", &v) < 0, "absent key");
	ok(mc_stat_lookup("anon x\n", "anon", &v) < 0, "garbage value");
	ok(mc_stat_lookup("", "anon", &v) < 0, "empty text");
	ok(mc_parse_max("max\n", &v, &unlimited) == 0 && unlimited, "max");
	ok(mc_parse_max("100\n", &v, &unlimited) == 0 && !unlimited && v == 100, "100");
	ok(mc_parse_max("1x\n", &v, &unlimited) < 0, "bad number");
	{
		const char *psi = "some avg10=1.50 avg60=0.20 avg300=0.00 total=123\n"
				  "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";
		double d = -1;

		ok(mc_parse_pressure(psi, "some", &d) == 0 && d == 1.5, "PSI some avg10");
		ok(mc_parse_pressure(psi, "full", &d) == 0 && d == 0, "PSI full avg10");
		ok(mc_parse_pressure("some avg60=1\n", "some", &d) < 0, "PSI without avg10");
	}
}

static void test_proc(void)
{
	const char *stat = "1234 (a) b) c) S 1 1234 1234 0 -1 4194560 100 0 0 0 "
			   "0 0 0 0 20 0 1 0 987654 1000 100";
	struct mc_proc_id id;
	uint64_t v = 0;

	ok(mc_parse_proc_starttime(stat, &v) == 0 && v == 987654,
	   "start time past a command name with ') '");
	ok(mc_parse_proc_starttime("12 (x) S 1", &v) < 0, "short stat refused");
	ok(mc_proc_id_parse("42 99 0123456789abcdef0123456789abcdef012\n", &id) < 0,
	   "bad boot id length refused");
	ok(mc_proc_id_parse("42 99 01234567-89ab-cdef-0123-456789abcdef\n", &id) == 0 &&
	   id.pid == 42 && id.starttime == 99, "pid file parsed");
	ok(mc_proc_id_parse("1 99 01234567-89ab-cdef-0123-456789abcdef\n", &id) < 0,
	   "pid 1 refused");
	ok(mc_proc_id_parse("-5 99 01234567-89ab-cdef-0123-456789abcdef\n", &id) < 0,
	   "negative pid refused");
	ok(mc_proc_id_parse("", &id) < 0, "empty pid file refused");
}

static void test_limits(void)
{
	struct mc_limits a = { 0 }, b;
	mc_error_t err = NULL;
	char *text;

	ok(mc_limits_set(&a, MC_OPT_CPUS, "0.5", &err) == 0, "--cpus 0.5");
	ok(mc_limits_set(&a, MC_OPT_MEM, "128M", &err) == 0, "--mem 128M");
	ok(mc_limits_set(&a, MC_OPT_PIDS, "32", &err) == 0, "--pids 32");
	ok(mc_limits_set(&a, MC_OPT_CPUSET, "0-1", &err) == 0, "--cpuset 0-1");
	ok(mc_limits_set(&a, MC_OPT_PIDS, "0", &err) < 0 && err->status == MC_EXIT_USAGE,
	   "--pids 0 is a usage error");
	mc_error_free(&err);
	ok(mc_limits_set(&a, MC_OPT_MEM, "0", &err) < 0, "--mem 0 refused");
	mc_error_free(&err);
	ok(a.mem == 128ULL << 20, "a refused --mem leaves the old value");
	text = mc_limits_format(&a);
	ok(mc_limits_parse(text, &b) == 0, "limits round trip parses");
	ok(b.set == a.set && b.cpus == 0.5 && b.mem == 128ULL << 20 && b.pids == 32 &&
	   strcmp(b.cpuset, "0-1") == 0, "limits round trip keeps values");
	free(text);
	ok(mc_limits_parse("mem=12\ngarbage\n", &b) < 0, "garbage line refused");
	ok(mc_limits_parse("evil=1\n", &b) < 0, "unknown key refused");
	ok(mc_limits_parse("mem=1", &b) < 0, "unterminated line refused");
}

static void test_mountinfo(void)
{
	const char *hybrid =
		"30 23 0:26 / /sys/fs/cgroup ro,nosuid - tmpfs tmpfs ro,mode=755\n"
		"31 30 0:27 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n"
		"32 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n"
		"33 30 0:29 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
		"34 30 0:30 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd\n";
	struct mc_cgroup_host host;

	ok(mc_cgroup_parse_mountinfo(hybrid, &host) == 0, "hybrid mountinfo parses");
	is_int(host.mode, MC_CGROUP_HYBRID, "hybrid detected");
	is_int(host.nhier, 2, "two controller hierarchies (name=systemd skipped)");
	ok(mc_cgroup_hierarchy(&host, "cpuacct") == mc_cgroup_hierarchy(&host, "cpu"),
	   "co-mounted cpu,cpuacct found as one");
	is_str(mc_cgroup_hierarchy(&host, "memory")->mount, "/sys/fs/cgroup/memory", "memory mount");
	ok(mc_cgroup_hierarchy(&host, "pids") == NULL, "pids absent");
	ok(mc_cgroup_parse_mountinfo("1 0 0:1 / / rw - ext4 /dev/vda rw\n", &host) < 0,
	   "no cgroups at all refused");
}

int main(void)
{
	test_ids();
	test_sizes();
	test_cpus();
	test_cpu_lists();
	test_stat_files();
	test_proc();
	test_limits();
	test_mountinfo();
	return tap_done();
}
