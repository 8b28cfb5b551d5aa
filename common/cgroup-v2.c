/* cgroup v2: one cgroup per container, ROOT/ID, which is also where its
 * processes live (a leaf: the "no internal processes" rule holds as long
 * as the workload does not create cgroups of its own). */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fault.h"
#include "cgroup-backend.h"
#include "cleanup.h"
#include "fileio.h"
#include "kill.h"
#include "procfs.h"
#include "rundir.h"

static int v2_layout(struct mc_cgroup *cg, mc_error_t *err)
{
	struct mc_cgroup_dir *d = &cg->dirs[0];

	cg->ndirs = 1;
	cg->tracking = 0;
	d->controller = NULL;
	snprintf(d->root_path, sizeof(d->root_path), "%s/%s", cg->host->unified, cg->root);
	snprintf(d->path, sizeof(d->path), "%s/%s/%s", cg->host->unified, cg->root, cg->id);
	snprintf(d->rel, sizeof(d->rel), "/%s/%s", cg->root, cg->id);
	return 0;
}

/* Does the space-separated list in FILE of DIR name CONTROLLER? */
static bool listed(const char *dir, const char *file, const char *controller)
{
	char buf[512], *save = NULL;

	if (mc_cg_read(dir, file, buf, sizeof(buf)) < 0)
		return false;
	for (char *t = strtok_r(buf, " \n", &save); t; t = strtok_r(NULL, " \n", &save))
		if (strcmp(t, controller) == 0)
			return true;
	return false;
}

/* Enable CONTROLLER for the children of DIR, one controller per write so
 * that an EBUSY names the one that failed. */
static int delegate(const char *dir, const char *controller, mc_error_t *err)
{
	char op[32];

	if (listed(dir, "cgroup.subtree_control", controller))
		return 0;
	if (!listed(dir, "cgroup.controllers", controller))
		return mc_fail(err, MC_EXIT_FAIL, 0,
			       "the %s controller is not available to delegate in %s",
			       controller, dir);
	snprintf(op, sizeof(op), "+%s", controller);
	return mc_cg_write(dir, "cgroup.subtree_control", op, err);
}

static int ensure_root(const struct mc_cgroup *cg, const struct mc_limits *lim, mc_error_t *err)
{
	static const char *const always[] = { "cpu", "memory", "pids" };
	const struct mc_cgroup_dir *d = &cg->dirs[0];

	if (mkdir(d->root_path, 0755) < 0 && errno != EEXIST)
		return mc_fail(err, MC_EXIT_FAIL, errno, "create cgroup %s", d->root_path);
	for (size_t i = 0; i < sizeof(always) / sizeof(always[0]); i++)
		if (delegate(cg->host->unified, always[i], err) < 0 ||
		    delegate(d->root_path, always[i], err) < 0)
			return -1;
	if ((lim->set & MC_LIM_CPUSET) &&
	    (delegate(cg->host->unified, "cpuset", err) < 0 ||
	     delegate(d->root_path, "cpuset", err) < 0))
		return -1;
	return 0;
}

static int write_u64(const char *dir, const char *file, uint64_t v, mc_error_t *err)
{
	char num[32];

	snprintf(num, sizeof(num), "%" PRIu64, v);
	return mc_cg_write(dir, file, num, err);
}

static int v2_set_limits(struct mc_cgroup *cg, const struct mc_limits *lim, mc_error_t *err)
{
	const char *dir = cg->dirs[0].path;

	if ((lim->set & MC_LIM_CPUS) &&
	    write_u64(dir, "cpu.weight", mc_shares_to_weight(mc_cpu_shares(lim->cpus)), err) < 0)
		return -1;
	if (lim->set & MC_LIM_CPU_LIMIT) {
		char max[64];

		snprintf(max, sizeof(max), "%" PRIu64 " %d", mc_cfs_quota(lim->cpu_limit),
			 MC_CFS_PERIOD_US);
		if (mc_cg_write(dir, "cpu.max", max, err) < 0)
			return -1;
	}
	if ((lim->set & MC_LIM_MEM) && write_u64(dir, "memory.max", lim->mem, err) < 0)
		return -1;
	if ((lim->set & MC_LIM_MEM_SOFT) && write_u64(dir, "memory.low", lim->mem_soft, err) < 0)
		return -1;
	if ((lim->set & MC_LIM_SWAP) && write_u64(dir, "memory.swap.max", lim->swap, err) < 0) {
		if (errno == ENOENT) {
			mc_error_free(err);
			return mc_fail(err, MC_EXIT_FAIL, 0,
				       "--swap: swap accounting (memory.swap.max) is not available on this host");
		}
		return -1;
	}
	if ((lim->set & MC_LIM_PIDS) && write_u64(dir, "pids.max", lim->pids, err) < 0)
		return -1;
	if ((lim->set & MC_LIM_CPUSET) && mc_cg_write(dir, "cpuset.cpus", lim->cpuset, err) < 0)
		return -1;
	return 0;
}

static int v2_create(struct mc_cgroup *cg, const struct mc_limits *lim, mc_error_t *err)
{
	const char *dir = cg->dirs[0].path;

	if (ensure_root(cg, lim, err) < 0)
		return -1;
	if (mkdir(dir, 0755) < 0) {
		if (errno == EEXIST)
			return mc_fail(err, MC_EXIT_CONFLICT, 0, "cgroup %s exists already", dir);
		return mc_fail(err, MC_EXIT_FAIL, errno, "create cgroup %s", dir);
	}
	MC_CRASH_POINT("cgroup-mkdir");
	if (v2_set_limits(cg, lim, err) < 0) {
		rmdir(dir);
		return -1;
	}
	return 0;
}

static int v2_isolate(const struct mc_cgroup *cg, pid_t pid, mc_error_t *err)
{
	const struct mc_cgroup_dir *d = &cg->dirs[0];

	/* The child entered its cgroup at launch, and with it every
	 * controller: nothing to move, only to verify. */
	if (!mc_proc_in_cgroup(pid, NULL, d->rel))
		return mc_fail(err, MC_EXIT_FAIL, 0, "pid %d is not in %s", (int)pid, d->path);
	return 0;
}

static bool populated(const char *dir)
{
	char buf[256];
	uint64_t v;

	if (mc_cg_read(dir, "cgroup.events", buf, sizeof(buf)) < 0)
		return false;
	return mc_stat_lookup(buf, "populated", &v) < 0 || v != 0;
}

static int set_frozen(const char *dir, bool frozen, int budget_ms)
{
	char buf[256];
	uint64_t v;
	int delay = 0, waited = 0;
	mc_error_t e = NULL;

	if (mc_cg_write(dir, "cgroup.freeze", frozen ? "1" : "0", &e) < 0) {
		mc_error_free(&e);
		return -1;
	}
	if (!frozen)
		return 0;
	do {
		if (mc_cg_read(dir, "cgroup.events", buf, sizeof(buf)) > 0 &&
		    mc_stat_lookup(buf, "frozen", &v) == 0 && v == 1)
			return 0;
	} while (mc_backoff(&delay, &waited, budget_ms));
	return -1;
}

static int v2_kill_all(const struct mc_cgroup *cg, int timeout_ms, mc_error_t *err)
{
	const struct mc_cgroup_dir *d = &cg->dirs[0];
	char killfile[PATH_MAX];
	bool has_kill;
	int delay = 0, waited = 0;

	if (access(d->path, F_OK) < 0)
		return 0;
	/* cgroup.kill (5.14+) is told by the file, not by the kernel
	 * version: it kills the whole subtree atomically, forks included. */
	snprintf(killfile, sizeof(killfile), "%s/cgroup.kill", d->path);
	has_kill = access(killfile, F_OK) == 0;
	for (;;) {
		if (!populated(d->path))
			return 0;
		MC_CRASH_POINT("destroy-kill");
		if (has_kill) {
			if (mc_cg_write(d->path, "cgroup.kill", "1", err) < 0)
				return -1;
		} else {
			bool frozen = set_frozen(d->path, true, 1000) == 0;

			if (mc_kill_tree(d->path, NULL, d->rel, SIGKILL, err) < 0) {
				set_frozen(d->path, false, 0);
				return -1;
			}
			if (frozen)
				set_frozen(d->path, false, 0);
		}
		if (!mc_backoff(&delay, &waited, timeout_ms))
			break;
	}
	{
		cleanup_free char *left = mc_describe_tree(d->path);

		set_frozen(d->path, false, 0);
		return mc_fail(err, MC_EXIT_FAIL, 0,
			       "processes still there after %d ms: %s (cgroup left thawed)",
			       timeout_ms, left);
	}
}

static void set_file(struct mc_stats *st, enum mc_stat s, int dir, const char *file)
{
	char buf[64];
	uint64_t v;
	bool unlimited;

	if (mc_read_small_at(dir, file, buf, sizeof(buf)) <= 0)
		return;
	if (mc_parse_max(buf, &v, &unlimited) < 0 || unlimited)
		return;
	mc_stats_set_u(st, s, v);
}

static void set_key(struct mc_stats *st, enum mc_stat s, const char *text, const char *key)
{
	uint64_t v;

	if (mc_stat_lookup(text, key, &v) == 0)
		mc_stats_set_u(st, s, v);
}

/* PSI: "some avg10=0.12 avg60=... total=...\nfull avg10=...". */
static void read_pressure(struct mc_stats *st, int dir, const char *file,
			  enum mc_stat some, enum mc_stat full)
{
	char buf[512];
	double v;

	if (mc_read_small_at(dir, file, buf, sizeof(buf)) <= 0)
		return;
	if (mc_parse_pressure(buf, "some", &v) == 0)
		mc_stats_set_d(st, some, v);
	if (mc_parse_pressure(buf, "full", &v) == 0)
		mc_stats_set_d(st, full, v);
}

static int v2_stats(const struct mc_cgroup *cg, struct mc_stats *st, mc_error_t *err)
{
	cleanup_fd int dir = -1;
	char buf[8192];
	uint64_t v;
	int procs = 0, threads = 0;

	if (mc_cg_count_tasks(cg->dirs[0].path, "cgroup.threads", &procs, &threads) < 0 ||
	    (dir = mc_cg_open(cg->dirs[0].path)) < 0)
		return mc_fail(err, MC_EXIT_NOENT, 0, "no such container cgroup");
	mc_stats_set_u(st, MC_ST_PROCESSES, (uint64_t)procs);
	mc_stats_set_u(st, MC_ST_THREADS, (uint64_t)threads);

	if (mc_read_small_at(dir, "cpu.stat", buf, sizeof(buf)) > 0) {
		if (mc_stat_lookup(buf, "user_usec", &v) == 0)
			mc_stats_set_d(st, MC_ST_CPUS_USER, (double)v / 1e6);
		if (mc_stat_lookup(buf, "system_usec", &v) == 0)
			mc_stats_set_d(st, MC_ST_CPUS_SYSTEM, (double)v / 1e6);
		set_key(st, MC_ST_CPUS_NR_PERIODS, buf, "nr_periods");
		set_key(st, MC_ST_CPUS_NR_THROTTLED, buf, "nr_throttled");
		if (mc_stat_lookup(buf, "throttled_usec", &v) == 0)
			mc_stats_set_d(st, MC_ST_CPUS_THROTTLED, (double)v / 1e6);
	}
	set_file(st, MC_ST_MEM_TOTAL, dir, "memory.current");
	set_file(st, MC_ST_MEM_LIMIT, dir, "memory.max");
	set_file(st, MC_ST_MEM_SOFT_LIMIT, dir, "memory.low");
	set_file(st, MC_ST_MEM_SWAP, dir, "memory.swap.current");
	set_file(st, MC_ST_MEM_MAX, dir, "memory.peak");
	if (mc_read_small_at(dir, "memory.stat", buf, sizeof(buf)) > 0) {
		set_key(st, MC_ST_MEM_RSS, buf, "anon");
		set_key(st, MC_ST_MEM_ANON, buf, "anon");
		set_key(st, MC_ST_MEM_CACHE, buf, "file");
		set_key(st, MC_ST_MEM_FILE, buf, "file");
		set_key(st, MC_ST_MEM_MAPPED_FILE, buf, "file_mapped");
		set_key(st, MC_ST_MEM_UNEVICTABLE, buf, "unevictable");
		set_key(st, MC_ST_MEM_KMEM, buf, "kernel");
	}
	if (mc_read_small_at(dir, "memory.events", buf, sizeof(buf)) > 0)
		set_key(st, MC_ST_MEM_OOM_EVENTS, buf, "oom_kill");
	set_file(st, MC_ST_PIDS_CURRENT, dir, "pids.current");
	set_file(st, MC_ST_PIDS_LIMIT, dir, "pids.max");
	read_pressure(st, dir, "cpu.pressure", MC_ST_CPU_PRESSURE_SOME, MC_ST_CPU_PRESSURE_FULL);
	read_pressure(st, dir, "memory.pressure", MC_ST_MEM_PRESSURE_SOME, MC_ST_MEM_PRESSURE_FULL);
	read_pressure(st, dir, "io.pressure", MC_ST_IO_PRESSURE_SOME, MC_ST_IO_PRESSURE_FULL);
	if (mc_stats_has(st, MC_ST_MEM_TOTAL) && mc_stats_has(st, MC_ST_MEM_SWAP))
		mc_stats_set_u(st, MC_ST_MEM_TOTAL_MEMSW, st->u[MC_ST_MEM_TOTAL] + st->u[MC_ST_MEM_SWAP]);
	return 0;
}

const struct mc_cgroup_backend mc_cgroup_v2 = {
	.name = "v2",
	.layout = v2_layout,
	.create = v2_create,
	.set_limits = v2_set_limits,
	.isolate = v2_isolate,
	.kill_all = v2_kill_all,
	.stats = v2_stats,
};
