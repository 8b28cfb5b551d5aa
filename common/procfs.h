/* What /proc says about a process: its identity (start time, boot id)
 * and the cgroups it sits in. */
#ifndef MC_PROCFS_H
#define MC_PROCFS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#define MC_BOOT_ID_LEN 36

/* A process as recorded in state: a pid alone can be reused, the triple
 * cannot. */
struct mc_proc_id {
	pid_t pid;
	uint64_t starttime;
	char boot_id[MC_BOOT_ID_LEN + 1];
};

/* Start time (clock ticks since boot) of PID; -1 with errno ESRCH when
 * the process is gone. */
int mc_proc_starttime(pid_t pid, uint64_t *out);

/* Has PID exited, waiting to be reaped (or is it gone)? */
bool mc_proc_zombie(pid_t pid);

/* This boot's id (/proc/sys/kernel/random/boot_id), cached. */
const char *mc_boot_id(void);

/* Fill *id for a live PID. */
int mc_proc_identify(pid_t pid, struct mc_proc_id *id);

/* Is the recorded process still the same one (same boot, same start),
 * and alive (not a zombie)? */
bool mc_proc_same(const struct mc_proc_id *id);

/* Does /proc/PID/cgroup list, for the v1 hierarchy holding CONTROLLER (or
 * the v2 line when CONTROLLER is NULL), a path equal to PATH or under it? */
bool mc_proc_in_cgroup(pid_t pid, const char *controller, const char *path);

/* Parse "PID STARTTIME BOOTID" (the pid file); 0 or -1. */
int mc_proc_id_parse(const char *text, struct mc_proc_id *id);

#endif
