/* The run directory and the per-container state directories in it.
 *
 * RUN and RUN/ID must be real directories (never symlinks), owned by us,
 * not writable by group or others: the programs run as root and must not
 * be steered by files someone else could plant.  A container's directory
 * is locked with flock(2) so two programs on one ID take turns. */
#ifndef MC_RUNDIR_H
#define MC_RUNDIR_H

#include <stdbool.h>

#include "error.h"
#include "parse.h"

struct mc_container {
	char id[MC_ID_MAX + 1];
	int dir_fd;	/* RUN/ID, or -1 */
};

/* Open (creating it 0700 when CREATE) the run directory. */
int mc_rundir_open(const char *path, bool create, mc_error_t *err);

/* Claim RUN/ID: mkdir, open, lock.  Exists already: MC_EXIT_CONFLICT. */
int mc_container_create(int run_fd, const char *id, struct mc_container *c,
			mc_error_t *err);

/* Open RUN/ID.  With LOCK, wait up to TIMEOUT_MS for its lock
 * (MC_EXIT_CONFLICT past it).  Missing: MC_EXIT_NOENT. */
int mc_container_open(int run_fd, const char *id, bool lock, int timeout_ms,
		      struct mc_container *c, mc_error_t *err);

/* Take C's lock, waiting up to TIMEOUT_MS (0: not at all) for another
 * program to let go of it: 1 taken, 0 still held by another, -1 error.
 * The wait is blocked in flock(), so it ends the moment the holder is
 * done; a 10 ms SIGALRM tick interrupts it to look at the clock. */
int mc_container_lock(struct mc_container *c, int timeout_ms);
void mc_container_unlock(struct mc_container *c);

/* Remove RUN/ID and what it holds (files only: it has no subdirectories). */
int mc_container_remove(int run_fd, struct mc_container *c, mc_error_t *err);

void mc_container_close(struct mc_container *c);

/* Call FN for each entry of RUN that is a valid container ID, in name
 * order.  FN returns <0 to stop. */
int mc_rundir_each(int run_fd, int (*fn)(const char *id, void *arg), void *arg,
		   mc_error_t *err);

/* Sleep helper for bounded polling: a growing delay, from 50 us doubling
 * to 4 ms, so that a short wait ends close to the event and a long one
 * still polls no more than 250 times a second; returns false once
 * *waited_ms reached timeout_ms.  Both counters start at 0; *delay_us
 * is the helper's own. */
#ifndef MC_BACKOFF_FIRST_US
#define MC_BACKOFF_FIRST_US 50
#endif
#ifndef MC_BACKOFF_MAX_US
#define MC_BACKOFF_MAX_US 4000
#endif
bool mc_backoff(int *delay_us, int *waited_ms, int timeout_ms);

#endif
