/* Entering the executor's namespaces. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec-ns.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cleanup.h"
#include "exec-forward.h"

static const struct {
	const char *name;
	int flag;
} ns_names[] = {
	{ "pid", CLONE_NEWPID },
	{ "mount", CLONE_NEWNS },
	{ "uts", CLONE_NEWUTS },
	{ "ipc", CLONE_NEWIPC },
	{ "net", CLONE_NEWNET },
};

int mc_exec_ns_parse(const char *list, int *flags, mc_error_t *err)
{
	const char *p = list;
	int out = 0;

	for (;;) {
		size_t len = strcspn(p, ",");
		size_t i;

		if (len == 0)
			return mc_fail(err, MC_EXIT_USAGE, 0,
				       "empty namespace name in '%.80s'", list);
		for (i = 0; i < sizeof(ns_names) / sizeof(ns_names[0]); i++)
			if (strlen(ns_names[i].name) == len &&
			    strncmp(ns_names[i].name, p, len) == 0)
				break;
		if (i == sizeof(ns_names) / sizeof(ns_names[0]))
			return mc_fail(err, MC_EXIT_USAGE, 0,
				       "unknown namespace '%.*s' (known: pid, mount, uts, ipc, net)",
				       MC_QUOTED(len), p);
		out |= ns_names[i].flag;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	*flags = out;
	return 0;
}

/* A network namespace starts with its loopback interface down; programs
 * expect 127.0.0.1 to work, as in any container runtime's "no network". */
static int loopback_up(mc_error_t *err)
{
	cleanup_fd int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct ifreq ifr;

	if (fd < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "net: socket");
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "net: reading the flags of lo");
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "net: bringing up lo");
	return 0;
}

/* Fork into the new pid namespace: the child returns (it is pid 1 there),
 * the parent forwards signals and ends as the child does.  The forwarded
 * signals are blocked across the fork so none is lost between the fork and
 * the forwarder's first sigwaitinfo(); the child gets the old mask back. */
static int fork_into_pidns(int keep_fd, mc_error_t *err)
{
	sigset_t fwd, old;
	pid_t pid;

	mc_exec_forward_sigset(&fwd);
	sigaddset(&fwd, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &fwd, &old) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "pid: sigprocmask");
	pid = fork();
	if (pid < 0) {
		int e = errno;

		sigprocmask(SIG_SETMASK, &old, NULL);
		return mc_fail(err, MC_EXIT_FAIL, e, "pid: fork");
	}
	if (pid > 0) {
		/* The forwarder holds nothing of the executor's: above all
		 * not keep_fd, whose end-of-file must mean "the command was
		 * exec'd (or failed)", not "the forwarder is gone". */
		if (keep_fd > 2)
			close(keep_fd);
		mc_exec_forward(pid);
	}
	if (sigprocmask(SIG_SETMASK, &old, NULL) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "pid: sigprocmask");
	return 0;
}

int mc_exec_ns_enter(int flags, int keep_fd, mc_error_t *err)
{
	if (!flags)
		return 0;
	/* Safe: the executor is root in the host's user namespace and leaves
	 * the host's namespaces only for new, empty ones of its own. */
	if (unshare(flags) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "unshare");
	/* A copied mount namespace keeps the host's propagation: without
	 * this, a mount in the executor would appear on the host. */
	if ((flags & CLONE_NEWNS) &&
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno,
			       "mount: making / private");
	if (flags & CLONE_NEWPID) {
		if (fork_into_pidns(keep_fd, err) < 0)
			return -1;
		/* The /proc of the host shows the host's pids; mount the
		 * namespace's own.  Only in a private mount namespace: on
		 * the host's /proc this would hide it from everyone. */
		if ((flags & CLONE_NEWNS) &&
		    mount("proc", "/proc", "proc",
			  MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
			return mc_fail(err, MC_EXIT_FAIL, errno,
				       "pid: mounting /proc");
	}
	if ((flags & CLONE_NEWNET) && loopback_up(err) < 0)
		return -1;
	return 0;
}
