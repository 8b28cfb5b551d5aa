/* A container's cgroups, whatever the host's cgroup mode.
 *
 * Paths are always computed from the cgroup root name and the container ID
 * against the host's mount table, never read back from state, so a
 * tampered state file cannot point mc at somebody else's cgroup. */
#ifndef MC_CGROUP_H
#define MC_CGROUP_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#include "cgroup-mode.h"
#include "error.h"
#include "reslimits.h"
#include "parse.h"
#include "stats.h"

#define MC_MAX_CG_DIRS 8

struct mc_cgroup_dir {
	const char *controller;	/* v1: the controller it is for; v2: NULL */
	char path[MC_CG_PATH_MAX];	/* the container's cgroup directory */
	char rel[MC_CG_PATH_MAX];	/* the same as /proc/PID/cgroup shows it */
	char root_path[MC_CG_PATH_MAX];	/* the cgroup root's directory */
};

struct mc_cgroup_backend;

struct mc_cgroup {
	const struct mc_cgroup_backend *ops;
	const struct mc_cgroup_host *host;
	char root[MC_ID_MAX + 1];
	char id[MC_ID_MAX + 1];
	int ndirs;
	struct mc_cgroup_dir dirs[MC_MAX_CG_DIRS];
	/* The cgroup every process of the container enters first and never
	 * leaves: v1 freezer, v2 the container's own cgroup. */
	int tracking;
};

/* Compute the container's cgroups (nothing is created). */
int mc_cgroup_open(struct mc_cgroup *cg, const char *root, const char *id,
		   mc_error_t *err);

/* Create the cgroups and write LIM; on failure nothing is left behind.
 * A cgroup already there is MC_EXIT_CONFLICT. */
int mc_cgroup_create(struct mc_cgroup *cg, const struct mc_limits *lim,
		     mc_error_t *err);

/* Write the limits set in LIM to an existing container. */
int mc_cgroup_set_limits(struct mc_cgroup *cg, const struct mc_limits *lim,
			 mc_error_t *err);

/* Put PID (0: the caller) into the tracking cgroup. */
int mc_cgroup_enter(const struct mc_cgroup *cg, pid_t pid, mc_error_t *err);

/* fork(), with the child born in the tracking cgroup where the kernel can
 * do it (v2: clone3 with CLONE_INTO_CGROUP), so it never spends a moment
 * outside; elsewhere a plain fork, and the child enters it itself. */
pid_t mc_cgroup_fork(const struct mc_cgroup *cg);

/* Put PID into every cgroup of the container and check /proc/PID/cgroup. */
int mc_cgroup_isolate(const struct mc_cgroup *cg, pid_t pid, mc_error_t *err);

/* Is PID in the container's tracking cgroup (or below it)? */
bool mc_cgroup_contains(const struct mc_cgroup *cg, pid_t pid);

/* Does any of the container's cgroups exist? */
bool mc_cgroup_exists(const struct mc_cgroup *cg);

/* Kill every process of the container (nested cgroups too) and remove
 * its cgroups, deepest first, all within TIMEOUT_MS. */
int mc_cgroup_destroy(const struct mc_cgroup *cg, int timeout_ms, mc_error_t *err);

/* Read the container's statistics from the kernel. */
int mc_cgroup_stats(const struct mc_cgroup *cg, struct mc_stats *st, mc_error_t *err);

/* Call FN with the name of every cgroup directly under the cgroup root
 * ROOT, in any hierarchy, each name once. */
int mc_cgroup_each_child(const char *root, int (*fn)(const char *name, void *arg),
			 void *arg, mc_error_t *err);

/* The controllers the container uses, for the "cgroups" state file. */
char *mc_cgroup_describe(const struct mc_cgroup *cg, const struct mc_limits *lim);

#endif
