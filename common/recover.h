/* mc-recover: after a crash or a reboot, keep live containers, destroy
 * dead ones and orphans, clean stale state.  One line per container on
 * OUT: "ID ACTION REASON". */
#ifndef MC_RECOVER_H
#define MC_RECOVER_H

#include <stdbool.h>
#include <stdio.h>

#include "cli.h"
#include "error.h"

struct mc_recover_opts {
	bool dry_run;
	bool json;
	int timeout_ms;
	FILE *out;
};

/* The name of the global lock file in the run directory. */
#define MC_RECOVER_LOCK ".recover.lock"

/* Returns 0 when every container was handled, -1 (with *err for the
 * first failure) otherwise; the others are still handled. */
int mc_recover(struct mc_ctx *ctx, const struct mc_recover_opts *opts, mc_error_t *err);

#endif
