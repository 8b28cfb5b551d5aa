/* The executor's syscall filter: --seccomp default|none|FILE (libseccomp).
 * The profile file format is described at the top of exec-seccomp.c. */
#ifndef MC_EXEC_SECCOMP_H
#define MC_EXEC_SECCOMP_H

#include <stddef.h>

#include "error.h"

enum mc_seccomp_action {
	MC_SECCOMP_ALLOW,
	MC_SECCOMP_ERRNO,	/* fail with errnum */
	MC_SECCOMP_KILL,	/* kill the process */
};

struct mc_seccomp_rule {
	int nr;			/* syscall number; negative for one libseccomp
				 * knows but this architecture lacks */
	enum mc_seccomp_action action;
	int errnum;		/* for MC_SECCOMP_ERRNO */
	unsigned line;		/* in the profile file; 0 when built in */
};

struct mc_seccomp_profile {
	enum mc_seccomp_action def;
	int def_errnum;
	size_t n;
	struct mc_seccomp_rule *rules;
	/* The default profile's extra rules: clone() with a CLONE_NEW* flag
	 * fails with EPERM, clone3() (whose flags a filter cannot see) with
	 * ENOSYS so that the C library falls back to clone(). */
	int deny_new_namespaces;
};

/* Parse profile text (len bytes, not necessarily NUL-terminated; any
 * bytes at all).  name is the file name for messages: an invalid profile
 * fails with MC_EXIT_USAGE and "NAME:LINE: what". */
int mc_exec_seccomp_parse(const char *text, size_t len, const char *name,
			  struct mc_seccomp_profile **out, mc_error_t *err);

/* Read and parse the profile file path (MC_EXIT_USAGE if unreadable). */
int mc_exec_seccomp_read(const char *path, struct mc_seccomp_profile **out,
			 mc_error_t *err);

/* The "default" profile: allow everything but what container runtimes
 * deny by default (EPERM); mount, umount2, pivot_root and the new mount
 * API are allowed when the executor has its own mount namespace. */
struct mc_seccomp_profile *mc_exec_seccomp_default(int own_mount_ns);

void mc_exec_seccomp_free(struct mc_seccomp_profile *profile);

/* Build the filter for this architecture and load it into the process.
 * The kernel takes a filter from a process without CAP_SYS_ADMIN only
 * when it has no_new_privs set: in that case (only) this sets it. */
int mc_exec_seccomp_load(const struct mc_seccomp_profile *profile,
			 mc_error_t *err);

#endif
