/* --cpuset against the CPUs the host offers.  The kernel refuses a CPU
 * that the parent cgroup does not have with a bare ERANGE or EINVAL; this
 * check says which CPUs there are instead. */
#ifndef MC_CGROUP_CPUSET_H
#define MC_CGROUP_CPUSET_H

#include <stdbool.h>
#include <stddef.h>

#include "cgroup.h"
#include "error.h"
#include "reslimits.h"

/* True when every CPU of the list WANT is in the list HAVE (both as
 * cpuset.cpus reads, "0-3,5"); false when either does not parse. */
bool mc_cpu_list_within(const char *want, const char *have);

/* The CPUs the container's parent cgroup offers (v1 cpuset.cpus, v2
 * cpuset.cpus.effective) into BUF, read from the cgroup root or, while it
 * does not exist or has none yet, the nearest cgroup above it; -1 when the
 * host does not say. */
int mc_cgroup_cpus_available(const struct mc_cgroup *cg, char *buf, size_t size);

/* When LIM sets --cpuset, check it against those CPUs: MC_EXIT_FAIL,
 * "--cpuset 7: CPUs 0-1 are available here", when it asks for others.
 * Passes when the host does not say (the kernel has the last word). */
int mc_cgroup_check_cpuset(const struct mc_cgroup *cg, const struct mc_limits *lim,
			   mc_error_t *err);

#endif
