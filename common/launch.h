/* The launch handshake: fork the executor, put it in the container's
 * tracking cgroup before it runs a single instruction of its own, record
 * its identity, let it block on the release FIFO; then supervise it:
 * reap it and record how it ended. */
#ifndef MC_LAUNCH_H
#define MC_LAUNCH_H

#include <stdbool.h>
#include <sys/types.h>

#include "cgroup.h"
#include "cli.h"
#include "error.h"
#include "execopts.h"
#include "rundir.h"

struct mc_launch {
	/* inputs */
	struct mc_ctx *ctx;
	const char *id;
	const struct mc_execopts *exec;
	char *const *argv;
	bool detached;
	/* filled by mc_launch_start */
	struct mc_container c;
	struct mc_cgroup cg;
	pid_t pid;
	int err_fd;	/* read end of the child's error channel */
};

/* Fork the executor and checkpoint it.  On return the child waits for
 * its release, and nothing of the launch is left behind on failure. */
int mc_launch_start(struct mc_launch *l, mc_error_t *err);

/* Like mc_launch_start, from a new supervisor process detached from the
 * caller (its own session, stdio on /dev/null).  Returns the executor's
 * pid in the caller, 0 in the supervisor (which then calls
 * mc_launch_supervise and exits), or -1. */
pid_t mc_launch_detached(struct mc_launch *l, mc_error_t *err);

/* Wait for the executor, forwarding termination signals to it; record its
 * end in the state directory.  Returns the exit code a shell would give:
 * its exit status, or 128+N for signal N.  An error the child reported
 * before exec is printed (foreground) and recorded. */
int mc_launch_supervise(struct mc_launch *l);

#endif
