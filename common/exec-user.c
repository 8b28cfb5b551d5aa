/* --user USER[:GROUP]. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec-user.h"

#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanup.h"
#include "xalloc.h"

/* A uid or gid: decimal digits only, not (id_t)-1 (which means "no
 * change" to setresuid). */
static int parse_id(const char *s, unsigned int *out)
{
	unsigned long long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v = v * 10 + (unsigned)(*s - '0');
		if (v >= (uid_t)-1)
			return -1;
	}
	*out = (unsigned int)v;
	return 0;
}

static int resolve_group(const char *name, gid_t *gid, mc_error_t *err)
{
	unsigned int id;
	struct group *gr;

	if (parse_id(name, &id) == 0) {
		*gid = id;
		return 0;
	}
	gr = getgrnam(name);
	if (!gr)
		return mc_fail(err, MC_EXIT_USAGE, 0, "no such group: %.80s", name);
	*gid = gr->gr_gid;
	return 0;
}

static void user_groups(const char *name, gid_t gid, struct mc_exec_user *out)
{
	int n = 32;

	for (;;) {
		int got = n;

		out->groups = xrealloc(out->groups, sizeof(gid_t) * (size_t)n);
		if (getgrouplist(name, gid, out->groups, &got) >= 0) {
			out->ngroups = (size_t)got;
			return;
		}
		/* -1 with got set to the size needed */
		n = got > n ? got : n * 2;
	}
}

int mc_exec_user_resolve(const char *spec, struct mc_exec_user *out,
			 mc_error_t *err)
{
	cleanup_free char *user = xstrdup(spec);
	cleanup_free char *name = NULL;	/* of the passwd entry, if any */
	char *group = strchr(user, ':');
	struct passwd *pw;
	unsigned int id;

	memset(out, 0, sizeof(*out));
	if (group)
		*group++ = '\0';
	if (!*user)
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "expected USER[:GROUP], got '%.80s'", spec);
	if (group && !*group)
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "empty group in '%.80s'", spec);
	if (parse_id(user, &id) == 0) {
		pw = getpwuid(id);
	} else {
		pw = getpwnam(user);
		if (!pw)
			return mc_fail(err, MC_EXIT_USAGE, 0,
				       "no such user: %.80s", user);
	}
	if (pw) {
		out->uid = pw->pw_uid;
		out->gid = pw->pw_gid;
		name = xstrdup(pw->pw_name);
	} else {
		out->uid = id;
		out->gid = id;
	}
	if (group && resolve_group(group, &out->gid, err) < 0)
		return -1;
	if (name)
		user_groups(name, out->gid, out);
	return 0;
}

void mc_exec_user_clear(struct mc_exec_user *user)
{
	free(user->groups);
	memset(user, 0, sizeof(*user));
}

int mc_exec_user_switch(const struct mc_exec_user *user, mc_error_t *err)
{
	/* Safe: groups first, then the gid, then the uid, each while the
	 * process still has the privilege to set it; setres* sets the real,
	 * effective and saved ids so nothing can be switched back. */
	if (setgroups(user->ngroups, user->groups) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "setgroups");
	if (setresgid(user->gid, user->gid, user->gid) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "setresgid %u",
			       (unsigned)user->gid);
	if (setresuid(user->uid, user->uid, user->uid) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "setresuid %u",
			       (unsigned)user->uid);
	return 0;
}
