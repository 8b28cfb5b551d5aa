/* mc-isolate: move the launched executor into every cgroup of its
 * container, check it arrived, then release it. */
#ifndef MC_ISOLATE_H
#define MC_ISOLATE_H

#include "cli.h"
#include "error.h"

int mc_isolate(struct mc_ctx *ctx, const char *id, int timeout_ms, mc_error_t *err);

#endif
