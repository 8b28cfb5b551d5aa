#include "fault.h"
#include "isolate.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "cgroup.h"
#include "log.h"
#include "procfs.h"
#include "rundir.h"
#include "state.h"

/* Open the FIFO for writing once the child is blocked reading it. */
static int open_release(const struct mc_container *c, int timeout_ms, mc_error_t *err)
{
	int delay = 0, waited = 0;

	for (;;) {
		int fd = openat(c->dir_fd, MC_STATE_RELEASE,
				O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);

		if (fd >= 0)
			return fd;
		/* ENXIO: no reader yet, the child is on its way to it. */
		if (errno != ENXIO || !mc_backoff(&delay, &waited, timeout_ms))
			return mc_fail(err, MC_EXIT_FAIL, errno == ENXIO ? ETIMEDOUT : errno,
				       "open the release FIFO");
	}
}

/* End of file on the FIFO tells the child to give up without exec. */
static void abort_child(const struct mc_container *c)
{
	int fd = openat(c->dir_fd, MC_STATE_RELEASE, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);

	if (fd >= 0)
		close(fd);
}

/* Wait, unlocked, until the container has a launched pid. */
static int wait_launched(struct mc_ctx *ctx, const char *id, int timeout_ms,
			 pid_t while_alive, struct mc_container *c, mc_error_t *err)
{
	int delay = 0, waited = 0;

	for (;;) {
		enum mc_phase phase;

		if (mc_container_open(ctx->run_fd, id, true, timeout_ms, c, err) < 0)
			return -1;
		phase = mc_state_phase(c);
		if (phase == MC_PHASE_LAUNCHED)
			return 0;
		if (phase == MC_PHASE_RUNNING || phase == MC_PHASE_EXITED ||
		    phase == MC_PHASE_DESTROYING) {
			mc_container_close(c);
			return mc_fail(err, MC_EXIT_CONFLICT, 0, "cannot isolate: container is %s",
				       phase == MC_PHASE_RUNNING ? "isolated already" : mc_phase_name(phase));
		}
		mc_container_close(c);
		/* Gone, or a zombie its parent has not reaped yet. */
		if (while_alive > 0 && mc_proc_zombie(while_alive))
			return mc_fail(err, MC_EXIT_FAIL, 0,
				       "the launcher (pid %d) ended before the launch", (int)while_alive);
		if (!mc_backoff(&delay, &waited, timeout_ms))
			return mc_fail(err, MC_EXIT_FAIL, 0,
				       "no launched process after %d%s%.*d s: start one with mc-launch %s -- CMD",
				       timeout_ms / 1000, timeout_ms % 1000 ? "." : "",
				       timeout_ms % 1000 ? 3 : 0, timeout_ms % 1000, id);
	}
}

int mc_isolate(struct mc_ctx *ctx, const char *id, int timeout_ms, pid_t while_alive,
	       mc_error_t *err)
{
	struct mc_container c;
	struct mc_cgroup cg;
	struct mc_proc_id pid;
	int fifo;

	if (mc_cgroup_open(&cg, ctx->cgroup_root, id, err) < 0)
		return -1;
	if (wait_launched(ctx, id, timeout_ms, while_alive, &c, err) < 0)
		return -1;
	if (mc_state_read_pid(&c, &pid, err) < 0)
		goto fail;
	/* Only the very process that was launched, still in the container's
	 * tracking cgroup, is moved: a stale or edited pid file cannot
	 * drag a stranger into the container. */
	if (!mc_proc_same(&pid) || !mc_cgroup_contains(&cg, pid.pid)) {
		mc_fail(err, MC_EXIT_FAIL, 0,
			"pid %d is not the container's launched process (gone, or the pid file is stale)",
			(int)pid.pid);
		goto fail;
	}
	if (mc_cgroup_isolate(&cg, pid.pid, err) < 0) {
		abort_child(&c);
		goto fail;
	}
	MC_CRASH_POINT("isolate-moved");
	mc_trace("%s: pid %d moved into the container's cgroups", id, (int)pid.pid);
	fifo = open_release(&c, timeout_ms, err);
	if (fifo < 0)
		goto fail;
	if (mc_state_mark(&c, MC_STATE_RELEASED, err) < 0) {
		close(fifo);
		goto fail;
	}
	MC_CRASH_POINT("isolate-marked");
	if (write(fifo, "g", 1) != 1) {
		mc_fail(err, MC_EXIT_FAIL, errno, "release the child");
		unlinkat(c.dir_fd, MC_STATE_RELEASED, 0);
		close(fifo);
		goto fail;
	}
	close(fifo);
	mc_trace("%s: released pid %d", id, (int)pid.pid);
	mc_container_close(&c);
	return 0;
fail:
	mc_container_close(&c);
	return -1;
}
