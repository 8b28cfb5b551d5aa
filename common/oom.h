/* Learning that the kernel OOM-killed inside a container, and saying so
 * in words (the seed's "memory limit exceeded" message). */
#ifndef MC_OOM_H
#define MC_OOM_H

#include <stddef.h>
#include <stdint.h>

#include "cgroup.h"

/* A descriptor that polls ready, for the poll events put in *events, on
 * an OOM event in the container, or -1 when the host offers none.  v1:
 * an eventfd registered on memory.oom_control (POLLIN).  v2:
 * memory.events itself, which the kernel marks POLLPRI when it changes;
 * not inotify, whose teardown waits for an SRCU grace period (some 15 ms)
 * just when the supervisor has an exit to record. */
int mc_oom_watch(const struct mc_cgroup *cg, short *events);

/* Consume what made the watch ready (and re-arm it). */
void mc_oom_drain(int fd);

/* OOM kills counted in the container so far (0 when unknown). */
uint64_t mc_oom_kills(const struct mc_cgroup *cg);

/* "memory limit exceeded: limit N, peak M" and the memory.stat lines,
 * into BUF. */
void mc_oom_describe(const struct mc_cgroup *cg, char *buf, size_t size);

#endif
