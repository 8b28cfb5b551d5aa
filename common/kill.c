#include "kill.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cleanup.h"
#include "fileio.h"
#include "parse.h"
#include "procfs.h"
#include "xalloc.h"

static int pidfd_open_(pid_t pid)
{
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

static int pidfd_send_signal_(int pidfd, int sig)
{
	return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
}

int mc_kill_checked(pid_t pid, const char *controller, const char *rel, int sig)
{
	cleanup_fd int pidfd = -1;

	if (pid <= 1) {
		errno = EPERM;
		return -1;
	}
	pidfd = pidfd_open_(pid);
	if (pidfd < 0 && errno == ENOSYS) {
		/* No pidfds (Linux before 5.3, or a sandbox such as valgrind
		 * that does not know the call): check, then kill by pid.  To
		 * hit a stranger, the process would have to exit, be reaped
		 * and see its pid handed on between the two calls; destroy
		 * freezes the cgroup first where it can, and a frozen process
		 * cannot exit. */
		if (!mc_proc_in_cgroup(pid, controller, rel)) {
			errno = EPERM;
			return -1;
		}
		return kill(pid, sig);
	}
	if (pidfd < 0)
		return -1;
	/* The pidfd pins the process: if the check passes, the signal can
	 * only reach this very process (or fail with ESRCH once it is gone). */
	if (!mc_proc_in_cgroup(pid, controller, rel)) {
		errno = EPERM;
		return -1;
	}
	return pidfd_send_signal_(pidfd, sig);
}

/* Call FN on every pid listed in PATH/cgroup.procs and in every cgroup
 * below it.  Returns the count, or -1. */
static int each_pid(const char *path, int (*fn)(pid_t pid, void *arg), void *arg)
{
	cleanup_free char *procs = NULL;
	cleanup_dir DIR *dir = NULL;
	char file[PATH_MAX];
	struct dirent *de;
	int count = 0;

	snprintf(file, sizeof(file), "%s/cgroup.procs", path);
	if (mc_read_at(AT_FDCWD, file, &procs) < 0)
		return errno == ENOENT ? 0 : -1;
	for (char *p = procs, *eol; *p; p = eol + 1) {
		uint64_t v;

		eol = strchr(p, '\n');
		if (!eol)
			break;
		*eol = '\0';
		if (mc_parse_u64(p, &v) == 0 && v > 0 && v < 1U << 31) {
			count++;
			fn((pid_t)v, arg);
		}
	}
	dir = opendir(path);
	if (!dir)
		return count;
	while ((de = readdir(dir))) {
		char sub[PATH_MAX];
		int n;

		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name) >= sizeof(sub))
			continue;
		n = each_pid(sub, fn, arg);
		if (n > 0)
			count += n;
	}
	return count;
}

struct kill_arg {
	const char *controller, *rel;
	int sig;
};

static int kill_one(pid_t pid, void *arg)
{
	struct kill_arg *k = arg;

	return mc_kill_checked(pid, k->controller, k->rel, k->sig);
}

int mc_kill_tree(const char *path, const char *controller, const char *rel,
		 int sig, mc_error_t *err)
{
	struct kill_arg k = { controller, rel, sig };
	int n = each_pid(path, kill_one, &k);

	if (n < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "read %s/cgroup.procs", path);
	return n;
}

struct describe_arg {
	char buf[512];
	size_t len;
};

static int describe_one(pid_t pid, void *arg)
{
	struct describe_arg *d = arg;
	char file[64], stat[512];
	const char *state = "?";

	snprintf(file, sizeof(file), "/proc/%d/stat", (int)pid);
	if (mc_read_small_at(AT_FDCWD, file, stat, sizeof(stat)) > 0) {
		char *paren = strrchr(stat, ')');

		if (paren && paren[1] == ' ' && paren[2]) {
			paren[3] = '\0';
			state = paren + 2;
		}
	}
	if (d->len < sizeof(d->buf) - 32)
		d->len += (size_t)snprintf(d->buf + d->len, sizeof(d->buf) - d->len,
					   "%s%d (%s)", d->len ? ", " : "", (int)pid, state);
	return 0;
}

static int count_one(pid_t pid, void *arg)
{
	(void)pid;
	(void)arg;
	return 0;
}

int mc_count_tree(const char *path)
{
	return each_pid(path, count_one, NULL);
}

char *mc_describe_tree(const char *path)
{
	struct describe_arg d = { .len = 0 };

	d.buf[0] = '\0';
	each_pid(path, describe_one, &d);
	return xstrdup(d.len ? d.buf : "none");
}
