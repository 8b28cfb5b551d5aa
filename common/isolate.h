/* mc-isolate: move the launched executor into every cgroup of its
 * container, check it arrived, then release it. */
#ifndef MC_ISOLATE_H
#define MC_ISOLATE_H

#include <sys/types.h>

#include "cli.h"
#include "error.h"

/* WHILE_ALIVE, when not 0, is a process (the launcher) whose end stops the
 * wait for the launch at once; it is only looked at in /proc. */
int mc_isolate(struct mc_ctx *ctx, const char *id, int timeout_ms, pid_t while_alive,
	       mc_error_t *err);

#endif
