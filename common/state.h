/* The files of a container's state directory RUN/ID/, one fact each:
 *
 *   limits    the limits it was prepared with (key=value lines)
 *   cgroups   the cgroup mode and directories, for operators
 *   release   the FIFO the launched child waits on
 *   pid       "PID STARTTIME BOOTID" of the executor, once launched
 *   released  present once mc-isolate released the executor
 *   exit      how the executor ended ("exited N", "killed by signal N")
 *   destroying  present from the start of a destroy: one that was
 *             interrupted is finished by mc-recover
 *   stdout, stderr  the executor's output when launched with --detach
 *
 * Every file is written whole (see fileio.h). */
#ifndef MC_STATE_H
#define MC_STATE_H

#include <stddef.h>

#include "error.h"
#include "reslimits.h"
#include "procfs.h"
#include "rundir.h"

#define MC_STATE_LIMITS "limits"
#define MC_STATE_CGROUPS "cgroups"
#define MC_STATE_RELEASE "release"
#define MC_STATE_PID "pid"
#define MC_STATE_RELEASED "released"
#define MC_STATE_EXIT "exit"
#define MC_STATE_DESTROYING "destroying"
#define MC_STATE_STDOUT "stdout"
#define MC_STATE_STDERR "stderr"

enum mc_phase {
	MC_PHASE_INCOMPLETE,	/* being prepared, or a prepare that crashed */
	MC_PHASE_PREPARED,	/* cgroups ready, nothing launched */
	MC_PHASE_LAUNCHED,	/* executor forked, waiting for release */
	MC_PHASE_RUNNING,	/* released */
	MC_PHASE_EXITED,	/* the executor ended */
	MC_PHASE_DESTROYING,	/* a destroy started and did not finish */
};

enum mc_phase mc_state_phase(const struct mc_container *c);
const char *mc_phase_name(enum mc_phase phase);

int mc_state_write(const struct mc_container *c, const char *name,
		   const char *text, mc_error_t *err);

/* Create the empty marker file NAME (released, destroying).  An empty file
 * has no content to tear, so its creation alone is atomic: no temp file,
 * no fsync. */
int mc_state_mark(const struct mc_container *c, const char *name, mc_error_t *err);

int mc_state_read_limits(const struct mc_container *c, struct mc_limits *lim,
			 mc_error_t *err);
int mc_state_read_pid(const struct mc_container *c, struct mc_proc_id *id,
		      mc_error_t *err);
int mc_state_write_pid(const struct mc_container *c, const struct mc_proc_id *id,
		       mc_error_t *err);
/* The exit record without its trailing newline; -1 when there is none. */
int mc_state_read_exit(const struct mc_container *c, char *buf, size_t size);
/* The summary mc_state_read_exit() makes of an exit file's TEXT (its first
 * line, then ": " and the reason or error line when there is one, control
 * characters shown as '?'); pure, for the fuzzer. */
void mc_state_exit_summary(const char *text, char *buf, size_t size);

#endif
