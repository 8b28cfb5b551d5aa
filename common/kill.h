/* Signalling the processes of a cgroup tree without ever hitting a
 * stranger: each pid is pinned with a pidfd, then checked to be in the
 * container's cgroup, then signalled through the pidfd.  A pid that was
 * recycled after it was read is either not in the cgroup (skipped) or
 * pinned as the new process, which the check then rejects.  Without
 * pidfds (Linux before 5.3) each pid is checked, then signalled by pid. */
#ifndef MC_KILL_H
#define MC_KILL_H

#include <stdbool.h>
#include <sys/types.h>

#include "error.h"

/* Send SIG to every process in the cgroup tree at PATH whose
 * /proc/PID/cgroup puts it under REL for CONTROLLER (NULL: v2).  Returns
 * the number of processes found (signalled or already gone), or -1. */
int mc_kill_tree(const char *path, const char *controller, const char *rel,
		 int sig, mc_error_t *err);

/* Signal PID through a pidfd if it is under REL for CONTROLLER.
 * 0 signalled, -1 with errno (ESRCH gone, EPERM not the container's). */
int mc_kill_checked(pid_t pid, const char *controller, const char *rel, int sig);

/* The number of processes in the cgroup tree at PATH, or -1. */
int mc_count_tree(const char *path);

/* "PID (STATE) ..." of what is left in the tree at PATH, for a message;
 * malloc'd. */
char *mc_describe_tree(const char *path);

#endif
