#include "fault.h"
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "xalloc.h"

ssize_t mc_read_at(int dirfd, const char *name, char **out)
{
	cleanup_fd int fd = -1;
	cleanup_free char *buf = NULL;
	size_t len = 0, cap = 4096;

	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
	if (fd < 0)
		return -1;
	buf = xmalloc(cap);
	for (;;) {
		ssize_t n;

		if (len + 1 >= cap) {
			if (cap >= MC_FILE_MAX) {
				errno = EFBIG;
				return -1;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	*out = MC_STEAL_PTR(buf);
	return (ssize_t)len;
}

ssize_t mc_read_small_at(int dirfd, const char *name, char *buf, size_t size)
{
	cleanup_fd int fd = -1;
	size_t len = 0;

	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
	if (fd < 0)
		return -1;
	while (len + 1 < size) {
		ssize_t n = read(fd, buf + len, size - len - 1);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		len += (size_t)n;
		/* Kernel files (cgroup, /proc) hand over all they have in one
		 * read: a short one is the end, no second call needed. */
		if (n == 0 || len + 1 < size)
			break;
	}
	buf[len] = '\0';
	return (ssize_t)len;
}

int mc_write_existing_at(int dirfd, const char *name, const char *data)
{
	cleanup_fd int fd = -1;
	size_t len = strlen(data);
	ssize_t n;

	fd = openat(dirfd, name, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
	if (fd < 0)
		return -1;
	do
		n = write(fd, data, len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	if ((size_t)n != len) {
		errno = EIO;
		return -1;
	}
	return 0;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int mc_write_atomic_at(int dirfd, const char *name, const void *data,
		       size_t len, mc_error_t *err)
{
	char tmp[256];
	cleanup_fd int fd = -1;

	if ((size_t)snprintf(tmp, sizeof(tmp), ".%s.tmp", name) >= sizeof(tmp))
		return mc_fail(err, MC_EXIT_FAIL, ENAMETOOLONG, "write %s", name);
	/* O_EXCL|O_NOFOLLOW: a planted file or symlink at the temp name is
	 * never written through; it is removed and the write retried once. */
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 && errno == EEXIST && unlinkat(dirfd, tmp, 0) == 0)
		fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "create %s", tmp);
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		int saved = errno;

		unlinkat(dirfd, tmp, 0);
		return mc_fail(err, MC_EXIT_FAIL, saved, "write %s", name);
	}
	MC_CRASH_POINT("state-write");
	if (renameat(dirfd, tmp, dirfd, name) < 0) {
		int saved = errno;

		unlinkat(dirfd, tmp, 0);
		return mc_fail(err, MC_EXIT_FAIL, saved, "rename %s", name);
	}
	return 0;
}

int mc_open_dir_at(int dirfd, const char *name)
{
	return openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
}
