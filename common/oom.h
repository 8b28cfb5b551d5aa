/* Learning that the kernel OOM-killed inside a container, and saying so
 * in words (the seed's "memory limit exceeded" message). */
#ifndef MC_OOM_H
#define MC_OOM_H

#include <stddef.h>
#include <stdint.h>

#include "cgroup.h"

/* A descriptor that becomes readable on an OOM event in the container
 * (v1: an eventfd registered on memory.oom_control; v2: inotify on
 * memory.events), or -1 when the host offers neither. */
int mc_oom_watch(const struct mc_cgroup *cg);

/* Consume what made the watch readable. */
void mc_oom_drain(int fd);

/* OOM kills counted in the container so far (0 when unknown). */
uint64_t mc_oom_kills(const struct mc_cgroup *cg);

/* "memory limit exceeded: limit N, peak M" and the memory.stat lines,
 * into BUF. */
void mc_oom_describe(const struct mc_cgroup *cg, char *buf, size_t size);

#endif
