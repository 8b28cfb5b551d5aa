/* The user and groups of the executor: --user USER[:GROUP]. */
#ifndef MC_EXEC_USER_H
#define MC_EXEC_USER_H

#include <stddef.h>
#include <sys/types.h>

#include "error.h"

struct mc_exec_user {
	uid_t uid;
	gid_t gid;
	size_t ngroups;		/* supplementary groups */
	gid_t *groups;
};

/* Resolve "USER[:GROUP]" (names or numbers) with the passwd and group
 * databases, in mc-launch itself, so an unknown name is a usage error
 * before anything is forked.  The primary group is GROUP, else the user's
 * passwd group; the supplementary groups are the user's in the group
 * database (getgrouplist).  A numeric uid without a passwd entry gets no
 * supplementary groups and, without GROUP, the group of the same number
 * (never the root group by accident). */
int mc_exec_user_resolve(const char *spec, struct mc_exec_user *out,
			 mc_error_t *err);

void mc_exec_user_clear(struct mc_exec_user *user);

/* setgroups, setresgid, setresuid, in that order (each needs the
 * privilege the next one drops). */
int mc_exec_user_switch(const struct mc_exec_user *user, mc_error_t *err);

#endif
