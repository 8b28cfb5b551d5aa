/* Resource limits of the executor: --rlimit NAME=SOFT[:HARD]. */
#ifndef MC_EXEC_RLIMIT_H
#define MC_EXEC_RLIMIT_H

#include <stddef.h>
#include <sys/resource.h>

#include "error.h"

struct mc_exec_rlimit {
	int resource;		/* RLIMIT_* */
	struct rlimit lim;
};

/* Parse "nofile=1024:4096", "core=unlimited", "nproc=100" (the hard limit
 * defaults to the soft one).  Values are in the kernel's units (bytes,
 * seconds, counts: not the kilobytes of the shell's ulimit) or
 * "unlimited".  A soft limit above the hard one, an unknown name or a bad
 * number fail with MC_EXIT_USAGE. */
int mc_exec_rlimit_parse(const char *spec, struct mc_exec_rlimit *out,
			 mc_error_t *err);

/* The name ("nofile") of RLIMIT_* resource, NULL if unknown. */
const char *mc_exec_rlimit_name(int resource);

/* setrlimit() each of them in turn (raising a hard limit needs
 * CAP_SYS_RESOURCE, so this runs before capabilities are dropped). */
int mc_exec_rlimit_apply(const struct mc_exec_rlimit *limits, size_t n,
			 mc_error_t *err);

#endif
