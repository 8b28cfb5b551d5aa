/* Which cgroup hierarchy this host has, found at run time: v2 alone
 * ("unified"), or v1 controllers, with or without a v2 mount beside them
 * ("legacy" or "hybrid").  A hybrid host is driven through its v1
 * controllers. */
#ifndef MC_CGROUP_MODE_H
#define MC_CGROUP_MODE_H

#include <limits.h>
#include <stdbool.h>

#include "error.h"

enum mc_cgroup_mode {
	MC_CGROUP_LEGACY,	/* v1 controllers only */
	MC_CGROUP_HYBRID,	/* v1 controllers, v2 mounted without them */
	MC_CGROUP_UNIFIED,	/* v2 only */
};

#define MC_CGROUP_FS "/sys/fs/cgroup"
#define MC_MAX_HIERARCHIES 16
/* Mount points longer than this are not used: with a root name and an ID
 * (64 characters each) a cgroup path then fits MC_CG_PATH_MAX. */
#define MC_MOUNT_MAX 320
#define MC_CG_PATH_MAX 512

struct mc_hierarchy {
	char controllers[128];	/* "cpu,cpuacct" */
	char mount[MC_MOUNT_MAX];	/* where it is mounted */
	char root[MC_MOUNT_MAX];	/* the cgroup the mount shows, "/" normally */
};

struct mc_cgroup_host {
	enum mc_cgroup_mode mode;
	int nhier;
	struct mc_hierarchy hier[MC_MAX_HIERARCHIES];	/* v1 only */
	char unified[MC_MOUNT_MAX];	/* the v2 mount point, "" if none */
};

/* Detect once per process; the result is cached. */
const struct mc_cgroup_host *mc_cgroup_host(mc_error_t *err);

/* The v1 hierarchy carrying CONTROLLER, or NULL. */
const struct mc_hierarchy *mc_cgroup_hierarchy(const struct mc_cgroup_host *host,
					       const char *controller);

const char *mc_cgroup_mode_name(enum mc_cgroup_mode mode);

/* Parse /proc/self/mountinfo text into HOST (mode from the fs types seen);
 * exposed for the unit tests. */
int mc_cgroup_parse_mountinfo(const char *text, struct mc_cgroup_host *host);

#endif
