/* --env K=V, --clear-env. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec-env.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cleanup.h"
#include "xalloc.h"

int mc_exec_env_check(const char *spec, mc_error_t *err)
{
	const char *eq = strchr(spec, '=');

	if (!eq)
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "expected K=V, got '%.80s'", spec);
	if (eq == spec)
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "empty variable name in '%.80s'", spec);
	return 0;
}

int mc_exec_env_apply(int clear, char *const specs[], size_t n,
		      mc_error_t *err)
{
	size_t i;

	if (clear) {
		if (clearenv() != 0)
			return mc_fail(err, MC_EXIT_FAIL, 0,
				       "clearing the environment");
		if (setenv("PATH", MC_EXEC_DEFAULT_PATH, 1) < 0)
			return mc_fail(err, MC_EXIT_FAIL, errno, "PATH");
	}
	for (i = 0; i < n; i++) {
		cleanup_free char *key = xstrdup(specs[i]);
		char *eq = strchr(key, '=');

		if (!eq || eq == key)
			return mc_fail(err, MC_EXIT_FAIL, 0,
				       "bad variable '%.80s'", specs[i]);
		*eq = '\0';
		if (setenv(key, eq + 1, 1) < 0)
			return mc_fail(err, MC_EXIT_FAIL, errno, "%s", key);
	}
	return 0;
}
