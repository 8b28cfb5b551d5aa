/* The executor's environment: --env K=V, --clear-env. */
#ifndef MC_EXEC_ENV_H
#define MC_EXEC_ENV_H

#include <stddef.h>

#include "error.h"

/* The PATH of a cleared environment. */
#define MC_EXEC_DEFAULT_PATH \
	"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* Check one "K=V": K non-empty and without '=' (V may be empty and may
 * contain '='). */
int mc_exec_env_check(const char *spec, mc_error_t *err);

/* Replace the process environment: with clear, start from PATH alone;
 * then set each "K=V" of specs in turn (a later one wins). */
int mc_exec_env_apply(int clear, char *const specs[], size_t n,
		      mc_error_t *err);

#endif
