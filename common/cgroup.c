#include "fault.h"
#include "cgroup.h"

#include <dirent.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup-backend.h"
#include "cgroup-cpuset.h"
#include "cleanup.h"
#include "fileio.h"
#include "procfs.h"
#include "rundir.h"
#include "xalloc.h"

int mc_cgroup_open(struct mc_cgroup *cg, const char *root, const char *id,
		   mc_error_t *err)
{
	memset(cg, 0, sizeof(*cg));
	if (!mc_valid_id(root))
		return mc_fail(err, MC_EXIT_USAGE, 0, "invalid cgroup root name '%.80s'", root);
	snprintf(cg->root, sizeof(cg->root), "%s", root);
	snprintf(cg->id, sizeof(cg->id), "%s", id);
	cg->host = mc_cgroup_host(err);
	if (!cg->host)
		return -1;
	cg->ops = cg->host->mode == MC_CGROUP_UNIFIED ? &mc_cgroup_v2 : &mc_cgroup_v1;
	return cg->ops->layout(cg, err);
}

int mc_cgroup_create(struct mc_cgroup *cg, const struct mc_limits *lim,
		     mc_error_t *err)
{
	if (mc_cgroup_check_cpuset(cg, lim, err) < 0)
		return -1;
	return cg->ops->create(cg, lim, err);
}

int mc_cgroup_set_limits(struct mc_cgroup *cg, const struct mc_limits *lim,
			 mc_error_t *err)
{
	if (mc_cgroup_check_cpuset(cg, lim, err) < 0)
		return -1;
	return cg->ops->set_limits(cg, lim, err);
}

int mc_cgroup_enter(const struct mc_cgroup *cg, pid_t pid, mc_error_t *err)
{
	return mc_cg_move(cg->dirs[cg->tracking].path, pid, err);
}

int mc_cgroup_isolate(const struct mc_cgroup *cg, pid_t pid, mc_error_t *err)
{
	return cg->ops->isolate(cg, pid, err);
}

pid_t mc_cgroup_fork(const struct mc_cgroup *cg)
{
	struct clone_args args;
	cleanup_fd int dir = -1;
	long pid;

	if (cg->host->mode != MC_CGROUP_UNIFIED)
		return fork();
	dir = open(cg->dirs[cg->tracking].path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return fork();
	memset(&args, 0, sizeof(args));
	args.flags = CLONE_INTO_CGROUP;
	args.exit_signal = SIGCHLD;
	args.cgroup = (uint64_t)dir;
	/* The process is single-threaded here, so skipping the C library's
	 * fork handlers is safe. */
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0)	/* older kernel or headers: the child enters by itself */
		return fork();
	return (pid_t)pid;
}

bool mc_cgroup_contains(const struct mc_cgroup *cg, pid_t pid)
{
	const struct mc_cgroup_dir *d = &cg->dirs[cg->tracking];

	return mc_proc_in_cgroup(pid, d->controller, d->rel);
}

bool mc_cgroup_exists(const struct mc_cgroup *cg)
{
	for (int i = 0; i < cg->ndirs; i++)
		if (access(cg->dirs[i].path, F_OK) == 0)
			return true;
	return false;
}

int mc_cgroup_destroy(const struct mc_cgroup *cg, int timeout_ms, mc_error_t *err)
{
	if (cg->ops->kill_all(cg, timeout_ms, err) < 0)
		return -1;
	/* The tracking cgroup goes last, so that until the very end the
	 * container can still be found by it. */
	for (int i = 0; i < cg->ndirs; i++)
		if (i != cg->tracking &&
		    mc_cg_rmdir_tree(cg->dirs[i].path, timeout_ms, err) < 0)
			return -1;
	return mc_cg_rmdir_tree(cg->dirs[cg->tracking].path, timeout_ms, err);
}

int mc_cgroup_stats(const struct mc_cgroup *cg, struct mc_stats *st, mc_error_t *err)
{
	return cg->ops->stats(cg, st, err);
}

char *mc_cgroup_describe(const struct mc_cgroup *cg, const struct mc_limits *lim)
{
	char buf[PATH_MAX * 2] = "";
	size_t n = 0;

	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "mode %s\n",
			      mc_cgroup_mode_name(cg->host->mode));
	for (int i = 0; i < cg->ndirs && n < sizeof(buf); i++) {
		const struct mc_cgroup_dir *d = &cg->dirs[i];

		if (d->controller && strcmp(d->controller, "cpuset") == 0 &&
		    !(lim->set & MC_LIM_CPUSET))
			continue;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s %s\n",
				      d->controller ? d->controller : "unified", d->path);
	}
	return xstrdup(buf);
}

int mc_cgroup_each_child(const char *root, int (*fn)(const char *name, void *arg),
			 void *arg, mc_error_t *err)
{
	struct mc_cgroup probe;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int ret = 0;

	if (mc_cgroup_open(&probe, root, "x", err) < 0)
		return -1;
	for (int i = 0; i < probe.ndirs; i++) {
		cleanup_dir DIR *dir = opendir(probe.dirs[i].root_path);
		struct dirent *de;

		if (!dir)
			continue;
		while ((de = readdir(dir))) {
			size_t j;

			if (de->d_type != DT_DIR || de->d_name[0] == '.')
				continue;
			for (j = 0; j < n && strcmp(names[j], de->d_name) != 0; j++)
				;
			if (j < n)
				continue;
			if (n == cap)
				names = xrealloc(names, (cap = cap ? cap * 2 : 64) * sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (ret >= 0 && fn(names[i], arg) < 0)
			ret = -1;
		free(names[i]);
	}
	free(names);
	return ret;
}

/* Shared by the backends. */

int mc_cg_write(const char *dir, const char *file, const char *data, mc_error_t *err)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if (mc_write_existing_at(AT_FDCWD, path, data) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "write '%.80s' to %s", data, path);
	return 0;
}

ssize_t mc_cg_read(const char *dir, const char *file, char *buf, size_t size)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return mc_read_small_at(AT_FDCWD, path, buf, size);
}

int mc_cg_move(const char *dir, pid_t pid, mc_error_t *err)
{
	char num[24];

	snprintf(num, sizeof(num), "%d", (int)pid);
	return mc_cg_write(dir, "cgroup.procs", num, err);
}

static int rmdir_retry(const char *path, int timeout_ms, mc_error_t *err)
{
	int delay = 0, waited = 0;

	for (;;) {
		MC_CRASH_POINT("cgroup-rmdir");
		if (rmdir(path) == 0 || errno == ENOENT)
			return 0;
		/* An emptied cgroup can stay busy for a moment while the
		 * kernel finishes tearing its last task down. */
		if (errno != EBUSY || !mc_backoff(&delay, &waited, timeout_ms))
			return mc_fail(err, MC_EXIT_FAIL, errno, "remove cgroup %s", path);
	}
}

int mc_cg_rmdir_tree(const char *path, int timeout_ms, mc_error_t *err)
{
	cleanup_dir DIR *dir = opendir(path);
	struct dirent *de;

	if (!dir)
		return errno == ENOENT ? 0 : mc_fail(err, MC_EXIT_FAIL, errno, "open cgroup %s", path);
	while ((de = readdir(dir))) {
		char sub[PATH_MAX];

		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name) >= sizeof(sub))
			return mc_fail(err, MC_EXIT_FAIL, ENAMETOOLONG, "cgroup %s", path);
		if (mc_cg_rmdir_tree(sub, timeout_ms, err) < 0)
			return -1;
	}
	return rmdir_retry(path, timeout_ms, err);
}

static int count_lines(int dfd, const char *file)
{
	cleanup_free char *text = NULL;
	int count = 0;

	if (mc_read_at(dfd, file, &text) < 0)
		return -1;
	for (const char *c = text; *c; c++)
		count += *c == '\n';
	return count;
}

int mc_cg_count_tasks(const char *path, const char *threads_file, int *procs, int *threads)
{
	cleanup_dir DIR *dir = NULL;
	struct dirent *de;
	int dfd, n;

	dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -1;
	dir = fdopendir(dfd);
	if (!dir) {
		close(dfd);
		return -1;
	}
	if ((n = count_lines(dfd, "cgroup.procs")) < 0)
		return -1;
	*procs += n;
	if ((n = count_lines(dfd, threads_file)) > 0)
		*threads += n;
	while ((de = readdir(dir))) {
		char sub[PATH_MAX];

		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		mc_cg_count_tasks(sub, threads_file, procs, threads);
	}
	return 0;
}

int mc_cg_open(const char *path)
{
	return open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
}
