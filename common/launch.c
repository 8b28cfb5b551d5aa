#include "fault.h"
#include "launch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cleanup.h"
#include "log.h"
#include "oom.h"
#include "procfs.h"
#include "state.h"
#include "xalloc.h"

#define LOCK_TIMEOUT_MS 10000

/* The child reports a failure before exec as "STATUS MESSAGE" on its
 * close-on-exec error channel; a successful exec closes it empty. */
static void child_report(int fd, mc_error_t *err)
{
	char buf[1024];
	int n = snprintf(buf, sizeof(buf), "%d %s", (*err)->status, (*err)->msg);

	if (n > 0 && write(fd, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1) < 0)
		return;
}

static __attribute__((noreturn)) void child_fail(int fd, mc_error_t *err)
{
	int status = (*err)->status;

	child_report(fd, err);
	_exit(status ? status : 1);
}

static int open_output(int dir_fd, const char *name, int target)
{
	int fd = openat(dir_fd, name, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);

	if (fd < 0)
		return -1;
	if (fd != target && dup2(fd, target) < 0) {
		close(fd);
		return -1;
	}
	if (fd != target)
		close(fd);
	return 0;
}

/* In the forked child; never returns. */
static __attribute__((noreturn)) void child_main(struct mc_launch *l, pid_t parent,
						  int ready_fd, int err_fd)
{
	mc_error_t err = NULL;
	int dir_fd, fifo;
	ssize_t n;
	char go;

	/* A fresh descriptor of the state directory: the inherited one
	 * carries the container lock, which must not outlive the launch. */
	dir_fd = openat(l->c.dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	close(l->c.dir_fd);
	if (l->ctx->run_fd >= 0)
		close(l->ctx->run_fd);
	if (dir_fd < 0) {
		mc_fail(&err, MC_EXIT_FAIL, errno, "open state directory");
		child_fail(err_fd, &err);
	}
	setsid();
	/* Until its release the child is useless without its supervisor: if
	 * that dies, the kernel kills the child too, so no launch can leave
	 * a second waiter on the FIFO.  Cleared before exec: a running
	 * executor outlives its supervisor. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		_exit(MC_EXIT_FAIL);
	if (mc_cgroup_enter(&l->cg, 0, &err) < 0) {
		mc_error_prefix(&err, "enter the container's cgroup");
		child_fail(err_fd, &err);
	}
	if (l->detached) {
		int null = open("/dev/null", O_RDONLY | O_CLOEXEC);

		if (null >= 0 && null != STDIN_FILENO) {
			dup2(null, STDIN_FILENO);
			close(null);
		}
		if ((!mc_execopts_has_stdout(l->exec) &&
		     open_output(dir_fd, MC_STATE_STDOUT, STDOUT_FILENO) < 0) ||
		    (!mc_execopts_has_stderr(l->exec) &&
		     open_output(dir_fd, MC_STATE_STDERR, STDERR_FILENO) < 0)) {
			mc_fail(&err, MC_EXIT_FAIL, errno, "open the output files");
			child_fail(err_fd, &err);
		}
	}
	if (write(ready_fd, "r", 1) != 1)
		_exit(MC_EXIT_FAIL);
	close(ready_fd);

	/* Block until mc-isolate opens the FIFO; one byte means go, end of
	 * file (a writer that closed without writing) means abort. */
	do
		fifo = openat(dir_fd, MC_STATE_RELEASE, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	while (fifo < 0 && errno == EINTR);
	if (fifo < 0) {
		mc_fail(&err, MC_EXIT_FAIL, errno, "open the release FIFO");
		child_fail(err_fd, &err);
	}
	do
		n = read(fifo, &go, 1);
	while (n < 0 && errno == EINTR);
	close(fifo);
	close(dir_fd);
	if (n != 1) {
		mc_fail(&err, MC_EXIT_FAIL, 0, "launch aborted before release");
		child_fail(err_fd, &err);
	}
	prctl(PR_SET_PDEATHSIG, 0);
	mc_execopts_exec(l->exec, l->argv, err_fd, &err);
	child_fail(err_fd, &err);
}

/* Read what the child wrote on its error channel until it closes. */
static char *read_child_error(int fd)
{
	char buf[1024];
	size_t len = 0;

	for (;;) {
		ssize_t n = read(fd, buf + len, sizeof(buf) - 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || (len += (size_t)n) >= sizeof(buf) - 1)
			break;
	}
	buf[len] = '\0';
	return len ? xstrdup(buf) : NULL;
}

/* "STATUS MESSAGE" into *err. */
static int child_error(const char *report, mc_error_t *err)
{
	char *end;
	long status = strtol(report, &end, 10);

	if (end == report || *end != ' ')
		return mc_fail(err, MC_EXIT_FAIL, 0, "%s", report);
	return mc_fail(err, (int)status, 0, "%s", end + 1);
}

static void reap(pid_t pid)
{
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

int mc_launch_start(struct mc_launch *l, mc_error_t *err)
{
	cleanup_fd int ready_r = -1, err_w = -1;
	int ready[2], errp[2];
	enum mc_phase phase;
	struct mc_proc_id id;
	pid_t parent;
	char go;
	ssize_t n;

	l->err_fd = -1;
	l->pid = -1;
	if (mc_container_open(l->ctx->run_fd, l->id, true, LOCK_TIMEOUT_MS, &l->c, err) < 0)
		return -1;
	phase = mc_state_phase(&l->c);
	if (phase != MC_PHASE_PREPARED) {
		mc_container_close(&l->c);
		/* an executor runs once per container: say how to run another */
		if (phase == MC_PHASE_EXITED)
			return mc_fail(err, MC_EXIT_CONFLICT, 0,
				       "cannot launch: container is exited: destroy it first (mc-destroy %s), then prepare it anew",
				       l->id);
		return mc_fail(err, MC_EXIT_CONFLICT, 0, "cannot launch: container is %s",
			       mc_phase_name(phase));
	}
	if (mc_cgroup_open(&l->cg, l->ctx->cgroup_root, l->id, err) < 0)
		goto fail;
	if (pipe2(ready, O_CLOEXEC) < 0)
		goto fail_errno;
	if (pipe2(errp, O_CLOEXEC) < 0) {
		close(ready[0]);
		close(ready[1]);
		goto fail_errno;
	}
	fflush(NULL);
	parent = getpid();
	l->pid = mc_cgroup_fork(&l->cg);
	if (l->pid < 0) {
		close(ready[0]);
		close(ready[1]);
		close(errp[0]);
		close(errp[1]);
		goto fail_errno;
	}
	if (l->pid == 0) {
		close(ready[0]);
		close(errp[0]);
		child_main(l, parent, ready[1], errp[1]);
	}
	MC_CRASH_POINT("launch-forked");
	close(ready[1]);
	ready_r = ready[0];
	err_w = errp[1];
	l->err_fd = errp[0];
	close(MC_STEAL_FD(err_w));

	do
		n = read(ready_r, &go, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1) {
		cleanup_free char *report = read_child_error(l->err_fd);

		reap(l->pid);
		child_error(report ? report : "1 the launched child died before it was ready", err);
		goto fail_child_gone;
	}
	/* Checkpoint before anything else can see the child: mc-isolate and
	 * mc-destroy learn of it only through this file. */
	if (mc_proc_identify(l->pid, &id) < 0) {
		mc_fail(err, MC_EXIT_FAIL, errno, "read the child's start time");
		goto fail_kill;
	}
	if (mc_state_write_pid(&l->c, &id, err) < 0)
		goto fail_kill;
	MC_CRASH_POINT("launch-checkpointed");
	mc_trace("%s: launched pid %d, waiting for release", l->id, (int)l->pid);
	mc_container_unlock(&l->c);
	return 0;

fail_errno:
	mc_fail(err, MC_EXIT_FAIL, errno, "launch");
	goto fail;
fail_kill:
	/* Our own unreaped child: its pid cannot have been reused. */
	kill(l->pid, SIGKILL);
	reap(l->pid);
fail_child_gone:
	close(l->err_fd);
	l->err_fd = -1;
fail:
	mc_container_close(&l->c);
	return -1;
}

pid_t mc_launch_detached(struct mc_launch *l, mc_error_t *err)
{
	cleanup_fd int notify_r = -1;
	int notify[2];
	pid_t sup;
	char buf[1024];
	size_t len = 0;

	if (pipe2(notify, O_CLOEXEC) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "launch");
	fflush(NULL);
	sup = fork();
	if (sup < 0) {
		close(notify[0]);
		close(notify[1]);
		return mc_fail(err, MC_EXIT_FAIL, errno, "fork the supervisor");
	}
	if (sup == 0) {
		mc_error_t e = NULL;
		int null = open("/dev/null", O_RDWR | O_CLOEXEC);
		int n;

		close(notify[0]);
		setsid();
		/* The supervisor holds none of the caller's descriptors, so
		 * $(mc-launch --detach ...) returns at once. */
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
			if (!mc_verbose())
				dup2(null, STDERR_FILENO);
			if (null > STDERR_FILENO)
				close(null);
		}
		if (mc_launch_start(l, &e) < 0) {
			n = snprintf(buf, sizeof(buf), "E%d %s\n", e->status, e->msg);
			mc_error_free(&e);
		} else {
			n = snprintf(buf, sizeof(buf), "P%d\n", (int)l->pid);
		}
		if (write(notify[1], buf, (size_t)n) < 0 || buf[0] == 'E')
			_exit(MC_EXIT_FAIL);
		close(notify[1]);
		return 0;
	}
	close(notify[1]);
	notify_r = notify[0];
	/* One line, not end of file: the executor holds a copy of the pipe
	 * until its exec. */
	for (;;) {
		ssize_t n = read(notify_r, buf + len, sizeof(buf) - 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || (len += (size_t)n) >= sizeof(buf) - 1 || memchr(buf, '\n', len))
			break;
	}
	buf[len] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	if (buf[0] == 'P')
		return (pid_t)atoi(buf + 1);
	/* The failed supervisor exits at once: reap it. */
	reap(sup);
	if (buf[0] == 'E')
		return child_error(buf + 1, err);
	return mc_fail(err, MC_EXIT_FAIL, 0, "the supervisor died before the launch was done");
}

static volatile sig_atomic_t supervised_pid;

static void forward_signal(int sig)
{
	/* Our unreaped child: the pid is still its own. */
	if (supervised_pid > 0)
		kill((pid_t)supervised_pid, sig);
}

static void forward_signals(pid_t pid)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = forward_signal;
	sigemptyset(&sa.sa_mask);
	supervised_pid = pid;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* Record how the executor ended, under the container lock; skipped when
 * the container was destroyed meanwhile. */
static void record_exit(struct mc_launch *l, const char *text)
{
	mc_error_t err = NULL;
	struct stat st;

	if (mc_container_lock(&l->c, LOCK_TIMEOUT_MS) != 1)
		return;
	if (fstat(l->c.dir_fd, &st) == 0 && st.st_nlink > 0 &&
	    mc_state_write(&l->c, MC_STATE_EXIT, text, &err) < 0) {
		mc_warn("%s: %s", l->id, err->msg);
		mc_error_free(&err);
	}
	mc_container_unlock(&l->c);
}

/* Wait for the executor to end, collecting what it reports on its error
 * channel and noting OOM events in the container meanwhile. */
static char *wait_executor(struct mc_launch *l, bool *oom, int *status)
{
	char report[1024];
	size_t len = 0;
	cleanup_fd int pidfd = (int)syscall(SYS_pidfd_open, l->pid, 0);
	short oom_events = 0;
	cleanup_fd int oomfd = mc_oom_watch(&l->cg, &oom_events);
	uint64_t kills_before = mc_oom_kills(&l->cg);

	while (l->err_fd >= 0 || pidfd >= 0) {
		struct pollfd fds[3] = {
			{ .fd = l->err_fd, .events = POLLIN },
			{ .fd = pidfd, .events = POLLIN },
			{ .fd = oomfd, .events = oom_events },
		};

		if (poll(fds, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		/* An event is any change of the memory events (v2) or an
		 * OOM without a kill (v1): the kill counter tells. */
		if (fds[2].revents & (oom_events | POLLERR)) {
			mc_oom_drain(oomfd);
			if (mc_oom_kills(&l->cg) > kills_before)
				*oom = true;
		}
		if (fds[0].revents & (POLLIN | POLLHUP)) {
			ssize_t n = read(l->err_fd, report + len, sizeof(report) - 1 - len);

			if (n > 0 && (len += (size_t)n) < sizeof(report) - 1)
				continue;
			if (n < 0 && errno == EINTR)
				continue;
			close(l->err_fd);
			l->err_fd = -1;
		}
		if (fds[1].revents & POLLIN)
			break;	/* exited; the error channel is closed by then */
	}
	while (waitpid(l->pid, status, 0) < 0)
		if (errno != EINTR) {
			*status = 0;
			break;
		}
	/* The event can arrive after the exit it caused: the counter can't. */
	if (mc_oom_kills(&l->cg) > kills_before)
		*oom = true;
	if (l->err_fd >= 0) {
		close(l->err_fd);
		l->err_fd = -1;
	}
	report[len] = '\0';
	return len ? xstrdup(report) : NULL;
}

int mc_launch_supervise(struct mc_launch *l)
{
	cleanup_free char *report = NULL;
	mc_error_t err = NULL;
	char text[16384], reason[12288] = "";
	bool oom = false;
	int status, code;
	size_t n;

	forward_signals(l->pid);
	MC_CRASH_POINT("supervise");
	report = wait_executor(l, &oom, &status);
	supervised_pid = 0;
	if (WIFSIGNALED(status)) {
		code = 128 + WTERMSIG(status);
		n = (size_t)snprintf(text, sizeof(text), "killed by signal %d\n", WTERMSIG(status));
	} else {
		code = WEXITSTATUS(status);
		n = (size_t)snprintf(text, sizeof(text), "exited %d\n", code);
	}
	if (report) {
		child_error(report, &err);
		n += (size_t)snprintf(text + n, sizeof(text) - n, "error: %s\n", err->msg);
		mc_report(&err, l->id);
	}
	if (oom) {
		mc_oom_describe(&l->cg, reason, sizeof(reason));
		snprintf(text + n, sizeof(text) - n, "reason: %s", reason);
		/* Said on stderr when the executor itself died of it. */
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
			fprintf(stderr, "%s: %s: %.*s\n", mc_program_name(), l->id,
				(int)strcspn(reason, "\n"), reason);
	}
	record_exit(l, text);
	mc_trace("%s: executor %.*s", l->id, (int)strcspn(text, "\n"), text);
	mc_container_close(&l->c);
	return code;
}
