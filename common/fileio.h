/* File I/O relative to a directory descriptor, never following symlinks.
 *
 * Cgroup files are opened without O_CREAT so a missing controller shows as
 * ENOENT; state files are replaced whole (temp file, fsync, rename). */
#ifndef MC_FILEIO_H
#define MC_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

#include "error.h"

/* Largest file the readers accept: state and cgroup stat files are small. */
#define MC_FILE_MAX ((size_t)1 << 20)

/* Read NAME under DIRFD into a NUL-terminated malloc'd buffer.  Returns the
 * length, or -1 with errno set (ENOENT for a missing file, EFBIG when
 * larger than MC_FILE_MAX). */
ssize_t mc_read_at(int dirfd, const char *name, char **out);

/* Read into a caller's buffer (truncating at size-1); returns the length or
 * -1 with errno set.  For the many small kernel files of mc-usage: a short
 * read is taken as the end of the file, as it is for cgroup and /proc
 * files. */
ssize_t mc_read_small_at(int dirfd, const char *name, char *buf, size_t size);

/* Write DATA to an existing file (a cgroup control file) in one write(2).
 * Returns 0 or -1 with errno set. */
int mc_write_existing_at(int dirfd, const char *name, const char *data);

/* Replace NAME under DIRFD atomically with DATA (mode 0600): temp file,
 * fsync, rename; a crash leaves the old or the new content, never half. */
int mc_write_atomic_at(int dirfd, const char *name, const void *data,
		       size_t len, mc_error_t *err);

/* Open a directory under DIRFD without following a symlink at NAME. */
int mc_open_dir_at(int dirfd, const char *name);

#endif
