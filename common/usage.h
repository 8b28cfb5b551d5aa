/* mc-usage: read one container's statistics (kernel figures, the limits
 * it was given, how its executor ended). */
#ifndef MC_USAGE_H
#define MC_USAGE_H

#include "cli.h"
#include "error.h"
#include "stats.h"

int mc_usage_read(struct mc_ctx *ctx, const char *id, struct mc_stats *st, mc_error_t *err);

#endif
