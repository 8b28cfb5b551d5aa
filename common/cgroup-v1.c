/* cgroup v1: one directory per hierarchy (freezer for tracking, then cpu,
 * cpuacct, memory, pids, and cpuset when asked for). */
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

static const char *const v1_controllers[] = {
	"freezer", "cpu", "cpuacct", "memory", "pids", "cpuset",
};

static const struct mc_cgroup_dir *dir_for(const struct mc_cgroup *cg, const char *controller)
{
	const struct mc_hierarchy *h = mc_cgroup_hierarchy(cg->host, controller);

	if (!h)
		return NULL;
	for (int i = 0; i < cg->ndirs; i++)
		if (mc_cgroup_hierarchy(cg->host, cg->dirs[i].controller) == h)
			return &cg->dirs[i];
	return NULL;
}

static int v1_layout(struct mc_cgroup *cg, mc_error_t *err)
{
	for (size_t i = 0; i < sizeof(v1_controllers) / sizeof(v1_controllers[0]); i++) {
		const struct mc_hierarchy *h = mc_cgroup_hierarchy(cg->host, v1_controllers[i]);
		const char *base;
		struct mc_cgroup_dir *d;

		if (!h || dir_for(cg, v1_controllers[i]))
			continue;	/* not mounted, or co-mounted with one we have */
		d = &cg->dirs[cg->ndirs++];
		base = strcmp(h->root, "/") == 0 ? "" : h->root;
		d->controller = v1_controllers[i];
		snprintf(d->root_path, sizeof(d->root_path), "%s/%s", h->mount, cg->root);
		snprintf(d->path, sizeof(d->path), "%s/%s/%s", h->mount, cg->root, cg->id);
		snprintf(d->rel, sizeof(d->rel), "%s/%s/%s", base, cg->root, cg->id);
	}
	if (!dir_for(cg, "freezer"))
		return mc_fail(err, MC_EXIT_FAIL, 0,
			       "the cgroup v1 freezer is not mounted: it is needed to track the container's processes");
	cg->tracking = 0;
	return 0;
}

static bool wanted(const struct mc_cgroup_dir *d, const struct mc_limits *lim)
{
	return strcmp(d->controller, "cpuset") != 0 || (lim->set & MC_LIM_CPUSET);
}

/* A new v1 cpuset starts empty and refuses tasks: copy the parent's. */
static int cpuset_inherit(const char *dir, const char *file, mc_error_t *err)
{
	char parent[PATH_MAX], val[4096];
	ssize_t n;

	snprintf(parent, sizeof(parent), "%s", dir);
	*strrchr(parent, '/') = '\0';
	n = mc_cg_read(dir, file, val, sizeof(val));
	if (n > 1)
		return 0;	/* already set */
	n = mc_cg_read(parent, file, val, sizeof(val));
	if (n < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "read %s/%s", parent, file);
	val[strcspn(val, "\n")] = '\0';
	return mc_cg_write(dir, file, val, err);
}

static int ensure_root(const struct mc_cgroup_dir *d, mc_error_t *err)
{
	if (mkdir(d->root_path, 0755) < 0 && errno != EEXIST)
		return mc_fail(err, MC_EXIT_FAIL, errno, "create cgroup %s", d->root_path);
	if (strcmp(d->controller, "cpuset") == 0)
		if (cpuset_inherit(d->root_path, "cpuset.cpus", err) < 0 ||
		    cpuset_inherit(d->root_path, "cpuset.mems", err) < 0)
			return -1;
	return 0;
}

static int write_u64(const struct mc_cgroup *cg, const char *controller,
		     const char *file, uint64_t v, mc_error_t *err)
{
	const struct mc_cgroup_dir *d = dir_for(cg, controller);
	char num[32];

	if (!d)
		return mc_fail(err, MC_EXIT_FAIL, 0,
			       "the %s controller is not mounted on this host", controller);
	snprintf(num, sizeof(num), "%" PRIu64, v);
	return mc_cg_write(d->path, file, num, err);
}

static int write_memory(struct mc_cgroup *cg, const struct mc_limits *lim, mc_error_t *err)
{
	const struct mc_cgroup_dir *d = dir_for(cg, "memory");
	mc_error_t first = NULL;

	if (!d)
		return mc_fail(err, MC_EXIT_FAIL, 0, "the memory controller is not mounted on this host");
	if ((lim->set & MC_LIM_SWAP) && !(lim->set & MC_LIM_MEM))
		return mc_fail(err, MC_EXIT_USAGE, 0, "--swap needs --mem");
	if (lim->set & MC_LIM_MEM) {
		if (write_u64(cg, "memory", "memory.limit_in_bytes", lim->mem, &first) < 0) {
			/* memsw must stay >= the memory limit: when raising
			 * both, memsw goes first. */
			if (!(lim->set & MC_LIM_SWAP)) {
				*err = first;
				return -1;
			}
			mc_error_free(&first);
			if (write_u64(cg, "memory", "memory.memsw.limit_in_bytes",
				      lim->mem + lim->swap, err) < 0 ||
			    write_u64(cg, "memory", "memory.limit_in_bytes", lim->mem, err) < 0)
				return -1;
		} else if ((lim->set & MC_LIM_SWAP) &&
			   write_u64(cg, "memory", "memory.memsw.limit_in_bytes",
				     lim->mem + lim->swap, err) < 0) {
			if (errno == ENOENT) {
				mc_error_free(err);
				return mc_fail(err, MC_EXIT_FAIL, 0,
					       "--swap: swap accounting (memory.memsw) is not enabled on this host");
			}
			return -1;
		}
	}
	if ((lim->set & MC_LIM_MEM_SOFT) &&
	    write_u64(cg, "memory", "memory.soft_limit_in_bytes", lim->mem_soft, err) < 0)
		return -1;
	return 0;
}

static int v1_set_limits(struct mc_cgroup *cg, const struct mc_limits *lim, mc_error_t *err)
{
	if ((lim->set & MC_LIM_CPUS) &&
	    write_u64(cg, "cpu", "cpu.shares", mc_cpu_shares(lim->cpus), err) < 0)
		return -1;
	if ((lim->set & MC_LIM_CPU_LIMIT) &&
	    (write_u64(cg, "cpu", "cpu.cfs_period_us", MC_CFS_PERIOD_US, err) < 0 ||
	     write_u64(cg, "cpu", "cpu.cfs_quota_us", mc_cfs_quota(lim->cpu_limit), err) < 0))
		return -1;
	if ((lim->set & (MC_LIM_MEM | MC_LIM_MEM_SOFT | MC_LIM_SWAP)) &&
	    write_memory(cg, lim, err) < 0)
		return -1;
	if ((lim->set & MC_LIM_PIDS) && write_u64(cg, "pids", "pids.max", lim->pids, err) < 0)
		return -1;
	if (lim->set & MC_LIM_CPUSET) {
		const struct mc_cgroup_dir *d = dir_for(cg, "cpuset");

		if (!d)
			return mc_fail(err, MC_EXIT_FAIL, 0, "the cpuset controller is not mounted on this host");
		if (mc_cg_write(d->path, "cpuset.cpus", lim->cpuset, err) < 0)
			return -1;
	}
	return 0;
}

static void remove_created(struct mc_cgroup *cg, const bool *created)
{
	mc_error_t ignored = NULL;

	for (int i = cg->ndirs - 1; i >= 0; i--)
		if (created[i] && mc_cg_rmdir_tree(cg->dirs[i].path, 1000, &ignored) < 0)
			mc_error_free(&ignored);
}

static int v1_create(struct mc_cgroup *cg, const struct mc_limits *lim, mc_error_t *err)
{
	bool created[MC_MAX_CG_DIRS] = { false };

	for (int i = 0; i < cg->ndirs; i++) {
		struct mc_cgroup_dir *d = &cg->dirs[i];

		if (!wanted(d, lim))
			continue;
		if (ensure_root(d, err) < 0)
			goto fail;
		if (mkdir(d->path, 0755) < 0) {
			if (errno == EEXIST)
				mc_fail(err, MC_EXIT_CONFLICT, 0, "cgroup %s exists already", d->path);
			else
				mc_fail(err, MC_EXIT_FAIL, errno, "create cgroup %s", d->path);
			goto fail;
		}
		created[i] = true;
		MC_CRASH_POINT("cgroup-mkdir");
		if (strcmp(d->controller, "cpuset") == 0 &&
		    (cpuset_inherit(d->path, "cpuset.mems", err) < 0 ||
		     cpuset_inherit(d->path, "cpuset.cpus", err) < 0))
			goto fail;
	}
	if (v1_set_limits(cg, lim, err) < 0)
		goto fail;
	return 0;
fail:
	remove_created(cg, created);
	return -1;
}

static int v1_isolate(const struct mc_cgroup *cg, pid_t pid, mc_error_t *err)
{
	for (int i = 0; i < cg->ndirs; i++) {
		const struct mc_cgroup_dir *d = &cg->dirs[i];

		if (access(d->path, F_OK) < 0)
			continue;	/* a controller this container does not use */
		if (i != cg->tracking && mc_cg_move(d->path, pid, err) < 0)
			return -1;
		if (!mc_proc_in_cgroup(pid, d->controller, d->rel))
			return mc_fail(err, MC_EXIT_FAIL, 0,
				       "pid %d is not in %s after the move", (int)pid, d->path);
	}
	return 0;
}

static int freezer_state(const char *dir, char *buf, size_t size)
{
	if (mc_cg_read(dir, "freezer.state", buf, size) < 0)
		return -1;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* Freeze and wait (briefly) for FROZEN.  A task in uninterruptible sleep
 * can hold the cgroup in FREEZING: then report failure, and the caller
 * thaws and kills without the freeze. */
static bool freeze(const char *dir, int budget_ms)
{
	char state[32];
	int delay = 0, waited = 0;

	mc_error_t e = NULL;

	if (mc_cg_write(dir, "freezer.state", "FROZEN", &e) < 0) {
		mc_error_free(&e);
		return false;
	}
	do {
		if (freezer_state(dir, state, sizeof(state)) < 0)
			return false;
		if (strcmp(state, "FROZEN") == 0)
			return true;
	} while (mc_backoff(&delay, &waited, budget_ms));
	return false;
}

static void thaw(const char *dir)
{
	mc_error_t e = NULL;

	if (mc_cg_write(dir, "freezer.state", "THAWED", &e) < 0)
		mc_error_free(&e);
}

static int v1_kill_all(const struct mc_cgroup *cg, int timeout_ms, mc_error_t *err)
{
	const struct mc_cgroup_dir *fz = &cg->dirs[cg->tracking];
	bool have_freezer = access(fz->path, F_OK) == 0;
	int waited = 0, delay = 0;

	for (;;) {
		int found = 0;

		/* An empty tree cannot fill itself (no member to fork, and
		 * the lock keeps launches out), and a freeze costs the
		 * kernel a code patch on every CPU: skip it then. */
		if (have_freezer && mc_count_tree(fz->path) != 0)
			freeze(fz->path, timeout_ms < 1000 ? timeout_ms : 1000);
		/* Frozen tasks cannot fork, so one pass over the tree
		 * reaches them all; SIGKILL lands when they thaw.  Every
		 * process is in the tracking tree, walked first: the other
		 * hierarchies (for a process moved out of it) only once it
		 * is empty, so that each process is signalled once per pass,
		 * not once per hierarchy.  Done only when a pass over all of
		 * them finds nobody. */
		for (int j = 0; j < cg->ndirs; j++) {
			int i = j == 0 ? cg->tracking : j == cg->tracking ? 0 : j;
			const struct mc_cgroup_dir *d = &cg->dirs[i];
			int n;

			if (i != cg->tracking && found > 0)
				break;
			n = mc_kill_tree(d->path, d->controller, d->rel, SIGKILL, err);
			if (n < 0) {
				if (have_freezer)
					thaw(fz->path);
				return -1;
			}
			found += n;
			MC_CRASH_POINT("destroy-kill");
		}
		if (have_freezer)
			thaw(fz->path);
		if (found == 0)
			return 0;
		if (!mc_backoff(&delay, &waited, timeout_ms))
			break;
	}
	{
		cleanup_free char *left = mc_describe_tree(fz->path);

		return mc_fail(err, MC_EXIT_FAIL, 0,
			       "processes still there after %d ms: %s (cgroup left thawed)",
			       timeout_ms, left);
	}
}

static void read_stat_file(int dfd, const char *file, char *buf, size_t size)
{
	if (mc_read_small_at(dfd, file, buf, size) < 0)
		buf[0] = '\0';
}

static void set_file_u64(struct mc_stats *st, enum mc_stat s, int dfd, const char *file,
			 bool skip_unlimited)
{
	char buf[64];
	uint64_t v;

	if (mc_read_small_at(dfd, file, buf, sizeof(buf)) <= 0)
		return;
	buf[strcspn(buf, "\n")] = '\0';
	if (mc_parse_u64(buf, &v) < 0)
		return;
	/* v1 shows "no limit" as a huge page-aligned number. */
	if (skip_unlimited && v >= (UINT64_C(1) << 62))
		return;
	mc_stats_set_u(st, s, v);
}

static void set_key(struct mc_stats *st, enum mc_stat s, const char *text, const char *key)
{
	uint64_t v;

	if (mc_stat_lookup(text, key, &v) == 0)
		mc_stats_set_u(st, s, v);
}

/* The container's directory for CONTROLLER, opened for relative reads
 * (-1 when the container does not use it). */
static int open_for(const struct mc_cgroup *cg, const char *controller)
{
	const struct mc_cgroup_dir *d = dir_for(cg, controller);

	return d ? mc_cg_open(d->path) : -1;
}

static int v1_stats(const struct mc_cgroup *cg, struct mc_stats *st, mc_error_t *err)
{
	char buf[8192];
	uint64_t v;
	int procs = 0, threads = 0, dfd;

	if (mc_cg_count_tasks(cg->dirs[cg->tracking].path, "tasks", &procs, &threads) < 0)
		return mc_fail(err, MC_EXIT_NOENT, 0, "no such container cgroup");
	mc_stats_set_u(st, MC_ST_PROCESSES, (uint64_t)procs);
	mc_stats_set_u(st, MC_ST_THREADS, (uint64_t)threads);

	if ((dfd = open_for(cg, "cpuacct")) >= 0) {
		double hz = (double)sysconf(_SC_CLK_TCK);

		read_stat_file(dfd, "cpuacct.stat", buf, sizeof(buf));
		if (mc_stat_lookup(buf, "user", &v) == 0)
			mc_stats_set_d(st, MC_ST_CPUS_USER, (double)v / hz);
		if (mc_stat_lookup(buf, "system", &v) == 0)
			mc_stats_set_d(st, MC_ST_CPUS_SYSTEM, (double)v / hz);
		close(dfd);
	}
	if ((dfd = open_for(cg, "cpu")) >= 0) {
		read_stat_file(dfd, "cpu.stat", buf, sizeof(buf));
		set_key(st, MC_ST_CPUS_NR_PERIODS, buf, "nr_periods");
		set_key(st, MC_ST_CPUS_NR_THROTTLED, buf, "nr_throttled");
		if (mc_stat_lookup(buf, "throttled_time", &v) == 0)
			mc_stats_set_d(st, MC_ST_CPUS_THROTTLED, (double)v / 1e9);
		close(dfd);
	}
	if ((dfd = open_for(cg, "memory")) >= 0) {
		set_file_u64(st, MC_ST_MEM_TOTAL, dfd, "memory.usage_in_bytes", false);
		set_file_u64(st, MC_ST_MEM_TOTAL_MEMSW, dfd, "memory.memsw.usage_in_bytes", false);
		set_file_u64(st, MC_ST_MEM_LIMIT, dfd, "memory.limit_in_bytes", true);
		set_file_u64(st, MC_ST_MEM_SOFT_LIMIT, dfd, "memory.soft_limit_in_bytes", true);
		set_file_u64(st, MC_ST_MEM_KMEM, dfd, "memory.kmem.usage_in_bytes", false);
		set_file_u64(st, MC_ST_MEM_MAX, dfd, "memory.max_usage_in_bytes", false);
		read_stat_file(dfd, "memory.stat", buf, sizeof(buf));
		set_key(st, MC_ST_MEM_RSS, buf, "total_rss");
		set_key(st, MC_ST_MEM_CACHE, buf, "total_cache");
		set_key(st, MC_ST_MEM_MAPPED_FILE, buf, "total_mapped_file");
		set_key(st, MC_ST_MEM_SWAP, buf, "total_swap");
		set_key(st, MC_ST_MEM_UNEVICTABLE, buf, "total_unevictable");
		read_stat_file(dfd, "memory.oom_control", buf, sizeof(buf));
		set_key(st, MC_ST_MEM_OOM_EVENTS, buf, "oom_kill");
		close(dfd);
	}
	if ((dfd = open_for(cg, "pids")) >= 0) {
		set_file_u64(st, MC_ST_PIDS_CURRENT, dfd, "pids.current", false);
		set_file_u64(st, MC_ST_PIDS_LIMIT, dfd, "pids.max", false);
		close(dfd);
	}
	return 0;
}

const struct mc_cgroup_backend mc_cgroup_v1 = {
	.name = "v1",
	.layout = v1_layout,
	.create = v1_create,
	.set_limits = v1_set_limits,
	.isolate = v1_isolate,
	.kill_all = v1_kill_all,
	.stats = v1_stats,
};
