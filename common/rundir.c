#include "fault.h"
#include "rundir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "cleanup.h"
#include "fileio.h"
#include "xalloc.h"

bool mc_backoff(int *delay_us, int *waited_ms, int timeout_ms)
{
	struct timespec ts;
	int left = timeout_ms - *waited_ms;

	if (left <= 0)
		return false;
	if (*delay_us <= 0)
		*delay_us = MC_BACKOFF_FIRST_US;
	if (left < MC_BACKOFF_MAX_US / 1000 && *delay_us > left * 1000)
		*delay_us = left * 1000;
	ts.tv_sec = 0;
	ts.tv_nsec = (long)*delay_us * 1000L;
	nanosleep(&ts, NULL);
	/* A sleep shorter than a millisecond counts as one. */
	*waited_ms += (*delay_us + 999) / 1000;
	*delay_us = *delay_us < MC_BACKOFF_MAX_US / 2 ? *delay_us * 2 : MC_BACKOFF_MAX_US;
	return true;
}

/* Refuse a directory another user could write into or own. */
static int check_private_dir(int fd, const char *what, mc_error_t *err)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "%s", what);
	if (st.st_uid != geteuid())
		return mc_fail(err, MC_EXIT_FAIL, 0,
			       "%s: owned by uid %u, not by us: refusing it",
			       what, (unsigned)st.st_uid);
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		return mc_fail(err, MC_EXIT_FAIL, 0,
			       "%s: writable by group or others: refusing it", what);
	return 0;
}

int mc_rundir_open(const char *path, bool create, mc_error_t *err)
{
	cleanup_fd int fd = -1;

	if (create && mkdir(path, 0700) < 0 && errno != EEXIST)
		return mc_fail(err, MC_EXIT_FAIL, errno, "run directory %s", path);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 && errno == ENOENT)
		/* No run directory: no container was ever prepared there. */
		return mc_fail(err, MC_EXIT_NOENT, 0, "run directory %s does not exist", path);
	if (fd < 0) {
		if (errno == ELOOP || errno == ENOTDIR)
			return mc_fail(err, MC_EXIT_FAIL, 0,
				       "run directory %s: not a directory (or a symlink): refusing it", path);
		return mc_fail(err, MC_EXIT_FAIL, errno, "run directory %s", path);
	}
	if (check_private_dir(fd, path, err) < 0) {
		mc_error_prefix(err, "run directory");
		return -1;
	}
	return MC_STEAL_FD(fd);
}

static int open_container_dir(int run_fd, const char *id, mc_error_t *err)
{
	int fd = mc_open_dir_at(run_fd, id);

	if (fd < 0) {
		if (errno == ENOENT)
			return mc_fail(err, MC_EXIT_NOENT, 0, "no such container");
		if (errno == ELOOP || errno == ENOTDIR)
			return mc_fail(err, MC_EXIT_FAIL, 0,
				       "state directory is not a directory (or a symlink): refusing it");
		return mc_fail(err, MC_EXIT_FAIL, errno, "open state directory");
	}
	if (check_private_dir(fd, "state directory", err) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int mc_container_create(int run_fd, const char *id, struct mc_container *c,
			mc_error_t *err)
{
	/* *c is an output: snprintf fills c->id, it reads nothing of it */
	/* cppcheck-suppress ctuuninitvar */
	snprintf(c->id, sizeof(c->id), "%s", id);
	c->dir_fd = -1;
	/* mkdir is the atomic claim: of racing prepares exactly one wins. */
	if (mkdirat(run_fd, id, 0700) < 0) {
		if (errno == EEXIST)
			return mc_fail(err, MC_EXIT_CONFLICT, 0, "container exists already");
		return mc_fail(err, MC_EXIT_FAIL, errno, "create state directory");
	}
	MC_CRASH_POINT("prepare-claimed");
	c->dir_fd = open_container_dir(run_fd, id, err);
	if (c->dir_fd < 0) {
		unlinkat(run_fd, id, AT_REMOVEDIR);
		return -1;
	}
	if (flock(c->dir_fd, LOCK_EX) < 0) {
		int saved = errno;

		mc_container_close(c);
		unlinkat(run_fd, id, AT_REMOVEDIR);
		return mc_fail(err, MC_EXIT_FAIL, saved, "lock state directory");
	}
	return 0;
}

/* A directory removed by the lock's previous holder has no links left. */
static bool removed(int fd)
{
	struct stat st;

	return fstat(fd, &st) < 0 || st.st_nlink == 0;
}

static void on_tick(int sig)
{
	(void)sig;
}

static long ms_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000L + (now.tv_nsec - start->tv_nsec) / 1000000L;
}

int mc_container_lock(struct mc_container *c, int timeout_ms)
{
	/* No SA_RESTART: the tick makes flock() return EINTR.  A tick
	 * that comes just before the call is followed by the next one. */
	struct sigaction tick = { .sa_handler = on_tick }, old_action;
	struct itimerval every_10ms = { { 0, 10000 }, { 0, 10000 } }, off = { { 0, 0 }, { 0, 0 } };
	struct timespec start;
	int r, saved;

	if (flock(c->dir_fd, LOCK_EX | LOCK_NB) == 0)
		return 1;
	if (errno != EWOULDBLOCK)
		return -1;
	if (timeout_ms <= 0)
		return 0;
	sigemptyset(&tick.sa_mask);
	clock_gettime(CLOCK_MONOTONIC, &start);
	sigaction(SIGALRM, &tick, &old_action);
	setitimer(ITIMER_REAL, &every_10ms, NULL);
	for (;;) {
		if (flock(c->dir_fd, LOCK_EX) == 0) {
			r = 1;
			break;
		}
		if (errno != EINTR) {
			r = -1;
			break;
		}
		if (ms_since(&start) >= timeout_ms) {
			r = 0;
			break;
		}
	}
	saved = errno;
	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &old_action, NULL);
	errno = saved;
	return r;
}

void mc_container_unlock(struct mc_container *c)
{
	if (c->dir_fd >= 0)
		flock(c->dir_fd, LOCK_UN);
}

int mc_container_open(int run_fd, const char *id, bool lock, int timeout_ms,
		      struct mc_container *c, mc_error_t *err)
{
	/* *c is an output: snprintf fills c->id, it reads nothing of it */
	/* cppcheck-suppress ctuuninitvar */
	snprintf(c->id, sizeof(c->id), "%s", id);
	c->dir_fd = open_container_dir(run_fd, id, err);
	if (c->dir_fd < 0)
		return -1;
	if (!lock)
		return 0;
	switch (mc_container_lock(c, timeout_ms)) {
	case -1:
		mc_fail(err, MC_EXIT_FAIL, errno, "lock state directory");
		mc_container_close(c);
		return -1;
	case 0:
		mc_container_close(c);
		return mc_fail(err, MC_EXIT_CONFLICT, 0, "locked by another program");
	default:
		break;
	}
	if (removed(c->dir_fd)) {
		mc_container_close(c);
		return mc_fail(err, MC_EXIT_NOENT, 0, "no such container");
	}
	return 0;
}

int mc_container_remove(int run_fd, struct mc_container *c, mc_error_t *err)
{
	cleanup_dir DIR *dir = NULL;
	struct dirent *de;
	int fd = dup(c->dir_fd);

	if (fd < 0 || !(dir = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return mc_fail(err, MC_EXIT_FAIL, errno, "read state directory");
	}
	while ((de = readdir(dir))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		MC_CRASH_POINT("state-unlink");
		if (unlinkat(c->dir_fd, de->d_name, 0) < 0 && errno != ENOENT)
			return mc_fail(err, MC_EXIT_FAIL, errno,
				       "remove state file %s", de->d_name);
	}
	if (unlinkat(run_fd, c->id, AT_REMOVEDIR) < 0 && errno != ENOENT)
		return mc_fail(err, MC_EXIT_FAIL, errno, "remove state directory");
	return 0;
}

void mc_container_close(struct mc_container *c)
{
	if (c->dir_fd >= 0)
		close(c->dir_fd);
	c->dir_fd = -1;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int mc_rundir_each(int run_fd, int (*fn)(const char *id, void *arg), void *arg,
		   mc_error_t *err)
{
	cleanup_dir DIR *dir = NULL;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int fd = dup(run_fd), ret = 0;

	if (fd < 0 || !(dir = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return mc_fail(err, MC_EXIT_FAIL, errno, "read run directory");
	}
	rewinddir(dir);
	while ((de = readdir(dir))) {
		if (!mc_valid_id(de->d_name) || de->d_type != DT_DIR)
			continue;
		if (n == cap)
			names = xrealloc(names, (cap = cap ? cap * 2 : 64) * sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	if (n)	/* names is NULL for an empty directory, which qsort may not get */
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		if (ret >= 0 && fn(names[i], arg) < 0)
			ret = -1;
		free(names[i]);
	}
	free(names);
	return ret;
}
