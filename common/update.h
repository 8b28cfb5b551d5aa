/* mc-update: change the limits of a live container, with the seed's
 * rules: a hard memory limit is raised at once and lowered only when the
 * usage is below it (otherwise the soft limit is set and the hard one
 * kept). */
#ifndef MC_UPDATE_H
#define MC_UPDATE_H

#include "cli.h"
#include "error.h"
#include "reslimits.h"

int mc_update(struct mc_ctx *ctx, const char *id, const struct mc_limits *req,
	      mc_error_t *err);

#endif
