/* mc-prepare: claim the container's state directory, create its cgroups
 * with their limits, and record both; undo all of it on failure. */
#ifndef MC_PREPARE_H
#define MC_PREPARE_H

#include "cli.h"
#include "error.h"
#include "reslimits.h"

int mc_prepare(struct mc_ctx *ctx, const char *id, const struct mc_limits *lim,
	       mc_error_t *err);

#endif
