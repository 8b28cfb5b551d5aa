/* Descriptors of the executor. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec-fd.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "cleanup.h"

int mc_exec_fd_redirect(const char *path, int target, mc_error_t *err)
{
	cleanup_fd int fd = open(path, O_WRONLY | O_CREAT | O_APPEND |
				 O_CLOEXEC | O_NOCTTY, 0644);

	if (fd < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "%s", path);
	if (fd == target) {
		/* target was closed and open() reused it: only the
		 * close-on-exec flag is left to clear */
		if (fcntl(fd, F_SETFD, 0) < 0)
			return mc_fail(err, MC_EXIT_FAIL, errno, "%s", path);
		fd = -1; /* NOLINT(clang-analyzer-deadcode.DeadStores): disarms the cleanup */
		return 0;
	}
	/* dup2() leaves the new descriptor without close-on-exec */
	if (dup2(fd, target) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "%s", path);
	return 0;
}

/* For kernels before 5.11: walk /proc/self/fd. */
static int cloexec_walk(int low, mc_error_t *err)
{
	cleanup_dir DIR *d = opendir("/proc/self/fd");
	struct dirent *de;

	if (!d)
		return mc_fail(err, MC_EXIT_FAIL, errno,
			       "closing descriptors: /proc/self/fd");
	while ((de = readdir(d))) {
		char *end;
		long fd = strtol(de->d_name, &end, 10);

		if (*end || end == de->d_name || fd < low || fd == dirfd(d))
			continue;
		if (fcntl((int)fd, F_SETFD, FD_CLOEXEC) < 0 && errno != EBADF)
			return mc_fail(err, MC_EXIT_FAIL, errno,
				       "closing descriptors: %ld", fd);
	}
	return 0;
}

int mc_exec_fd_cloexec_from(int low, mc_error_t *err)
{
	/* Close-on-exec rather than close: the caller's error channel
	 * (already close-on-exec) must stay open until the execve(). */
	if (close_range((unsigned)low, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
		return 0;
	if (errno != ENOSYS && errno != EINVAL)
		return mc_fail(err, MC_EXIT_FAIL, errno, "closing descriptors");
	return cloexec_walk(low, err);
}
