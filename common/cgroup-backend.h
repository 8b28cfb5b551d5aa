/* The interface each cgroup backend (v1, v2) implements; cgroup.c
 * dispatches to it.  Only cgroup*.c include this. */
#ifndef MC_CGROUP_BACKEND_H
#define MC_CGROUP_BACKEND_H

#include "cgroup.h"

struct mc_cgroup_backend {
	const char *name;
	/* Fill cg->dirs and cg->tracking from the host. */
	int (*layout)(struct mc_cgroup *cg, mc_error_t *err);
	int (*create)(struct mc_cgroup *cg, const struct mc_limits *lim, mc_error_t *err);
	int (*set_limits)(struct mc_cgroup *cg, const struct mc_limits *lim, mc_error_t *err);
	int (*isolate)(const struct mc_cgroup *cg, pid_t pid, mc_error_t *err);
	int (*kill_all)(const struct mc_cgroup *cg, int timeout_ms, mc_error_t *err);
	int (*stats)(const struct mc_cgroup *cg, struct mc_stats *st, mc_error_t *err);
};

extern const struct mc_cgroup_backend mc_cgroup_v1;
extern const struct mc_cgroup_backend mc_cgroup_v2;

/* Shared by the backends (cgroup.c). */

/* Write DATA to FILE in the cgroup directory DIR. */
int mc_cg_write(const char *dir, const char *file, const char *data, mc_error_t *err);
/* Read FILE in DIR into BUF; -1 with errno. */
ssize_t mc_cg_read(const char *dir, const char *file, char *buf, size_t size);
/* Write PID (0: the caller) into DIR/cgroup.procs. */
int mc_cg_move(const char *dir, pid_t pid, mc_error_t *err);
/* Remove the cgroup tree at PATH deepest first, retrying EBUSY. */
int mc_cg_rmdir_tree(const char *path, int timeout_ms, mc_error_t *err);
/* Processes (lines of cgroup.procs) and threads (lines of THREADS_FILE) in
 * the tree at PATH, in one walk; -1 when PATH is not there. */
int mc_cg_count_tasks(const char *path, const char *threads_file, int *procs, int *threads);

/* Open the cgroup directory PATH to read its files relative to it. */
int mc_cg_open(const char *path);

#endif
