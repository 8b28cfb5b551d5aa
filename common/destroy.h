/* mc-destroy: kill every process of the container, remove its cgroups
 * and then its state. */
#ifndef MC_DESTROY_H
#define MC_DESTROY_H

#include "cli.h"
#include "error.h"
#include "rundir.h"

int mc_destroy(struct mc_ctx *ctx, const char *id, int timeout_ms, mc_error_t *err);

/* The same for a container whose state directory is open and locked. */
int mc_destroy_locked(struct mc_ctx *ctx, struct mc_container *c, int timeout_ms,
		      mc_error_t *err);

/* Destroy the cgroups of ID alone (an orphan with no state). */
int mc_destroy_cgroups(struct mc_ctx *ctx, const char *id, int timeout_ms, mc_error_t *err);

#endif
