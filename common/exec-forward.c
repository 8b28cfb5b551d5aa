/* The init-forwarder.
 *
 * A process cannot move itself into a new pid namespace: after
 * unshare(CLONE_NEWPID) only its next child is there, as pid 1.  mc-launch
 * and mc-isolate know the executor by the pid they forked, so that process
 * stays and forwards: it passes SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1
 * and SIGUSR2 on to the command, waits for it and then ends exactly as the
 * command ended.
 *
 * Why "exactly": when the command exits with status S the forwarder exits
 * with S.  When the command is killed by signal N the forwarder does not
 * exit with 128+N (that would tell the supervisor "exited with status
 * 128+N", a different fact, and a command may really exit 137): it resets
 * N to its default action, unblocks it and sends it to itself, so that its
 * own wait status is "killed by signal N", as if there were no forwarder.
 * A core limit of 0 first keeps a core dump of the command from being
 * followed by a second, useless one of the forwarder.
 *
 * Note the kernel's rule for the namespace's pid 1, which the command is:
 * it gets no default action for a signal it has no handler for, so a
 * forwarded SIGTERM only stops a command that handles SIGTERM.  SIGKILL
 * from outside (mc-destroy) always works, and reaches every process of the
 * container through its cgroup anyway.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec-forward.h"

#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static const int forwarded[] = {
	SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2,
};

void mc_exec_forward_sigset(sigset_t *set)
{
	size_t i;

	sigemptyset(set);
	for (i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaddset(set, forwarded[i]);
}

static void __attribute__((noreturn)) end_like(int status)
{
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		struct rlimit no_core = { 0, 0 };
		struct sigaction dfl = { .sa_handler = SIG_DFL };
		sigset_t one;

		setrlimit(RLIMIT_CORE, &no_core);
		sigaction(sig, &dfl, NULL);
		sigemptyset(&one);
		sigaddset(&one, sig);
		sigprocmask(SIG_UNBLOCK, &one, NULL);
		kill(getpid(), sig);
		/* Only a signal whose default is not to terminate gets
		 * here, which a terminating signal cannot be. */
		_exit(128 + sig);
	}
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

void mc_exec_forward(pid_t child)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t set;

	/* An inherited SIG_IGN for SIGCHLD would make the kernel reap the
	 * child itself and lose its status. */
	sigaction(SIGCHLD, &dfl, NULL);
	/* Nothing else of the executor stays open here. */
	close_range(3, ~0U, 0);
	mc_exec_forward_sigset(&set);
	sigaddset(&set, SIGCHLD);
	for (;;) {
		siginfo_t si;
		int status;
		pid_t r;

		/* The signals are blocked (by the caller, before the fork):
		 * take them synchronously, no handler, no race. */
		if (sigwaitinfo(&set, &si) < 0)
			continue; /* EINTR: a stop/continue */
		if (si.si_signo != SIGCHLD) {
			kill(child, si.si_signo);
			continue;
		}
		r = waitpid(child, &status, WNOHANG);
		if (r == child)
			end_like(status);
		if (r < 0 && errno != EINTR)
			_exit(1);
	}
}
