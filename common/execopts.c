/* The executor's launch options: parsing them in mc-launch, applying them
 * in the released child in the safe order, and the execve(). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "execopts.h"

#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "cleanup.h"
#include "exec-caps.h"
#include "exec-env.h"
#include "exec-fd.h"
#include "exec-ns.h"
#include "exec-rlimit.h"
#include "exec-seccomp.h"
#include "exec-user.h"
#include "xalloc.h"

enum seccomp_mode { SECCOMP_NONE, SECCOMP_DEFAULT, SECCOMP_FILE };

struct mc_execopts {
	int ns_flags;			/* CLONE_NEW* */
	char *hostname;
	char *stdout_path, *stderr_path;
	int has_user;
	struct mc_exec_user user;
	size_t n_rlimits;
	struct mc_exec_rlimit *rlimits;
	char *workdir;
	int has_caps;
	uint64_t caps;
	int no_new_privs;
	int clear_env;
	size_t n_env;
	char **env;			/* "K=V" */
	enum seccomp_mode seccomp;
	struct mc_seccomp_profile *seccomp_profile;	/* SECCOMP_FILE */
	int shell;
};

const char mc_execopts_usage[] =
	"Executor options (applied after the release, before the exec):\n"
	"      --namespaces LIST     unshare namespaces: any of pid,mount,uts,ipc,net\n"
	"      --hostname NAME       host name (needs the uts namespace)\n"
	"      --stdout FILE         append the command's stdout to FILE\n"
	"      --stderr FILE         append the command's stderr to FILE\n"
	"      --user USER[:GROUP]   run as USER (name or number), with its groups\n"
	"      --rlimit NAME=SOFT[:HARD]\n"
	"                            set a resource limit (nofile, nproc, core, as,\n"
	"                            cpu, ...; a number or 'unlimited'; repeatable)\n"
	"      --workdir DIR         working directory of the command\n"
	"      --caps LIST           keep only these capabilities, or 'none'\n"
	"      --no-new-privs        set no_new_privs (no gain of privileges by exec)\n"
	"      --env K=V             set an environment variable (repeatable)\n"
	"      --clear-env           start from an empty environment (PATH only)\n"
	"      --seccomp default|none|FILE\n"
	"                            syscall filter: the built-in default, none,\n"
	"                            or a profile file\n"
	"      --shell               run CMD ARG... joined by spaces with /bin/sh -c\n";

struct mc_execopts *mc_execopts_new(void)
{
	return xzalloc(sizeof(struct mc_execopts));
}

void mc_execopts_free(struct mc_execopts *opts)
{
	size_t i;

	if (!opts)
		return;
	free(opts->hostname);
	free(opts->stdout_path);
	free(opts->stderr_path);
	mc_exec_user_clear(&opts->user);
	free(opts->rlimits);
	free(opts->workdir);
	for (i = 0; i < opts->n_env; i++)
		free(opts->env[i]);
	free(opts->env);
	mc_exec_seccomp_free(opts->seccomp_profile);
	free(opts);
}

static const char *opt_name(int id)
{
	switch (id) {
	case MC_OPT_WORKDIR: return "--workdir";
	case MC_OPT_ENV: return "--env";
	case MC_OPT_CLEAR_ENV: return "--clear-env";
	case MC_OPT_USER: return "--user";
	case MC_OPT_STDOUT: return "--stdout";
	case MC_OPT_STDERR: return "--stderr";
	case MC_OPT_RLIMIT: return "--rlimit";
	case MC_OPT_NAMESPACES: return "--namespaces";
	case MC_OPT_HOSTNAME: return "--hostname";
	case MC_OPT_CAPS: return "--caps";
	case MC_OPT_NO_NEW_PRIVS: return "--no-new-privs";
	case MC_OPT_SECCOMP: return "--seccomp";
	case MC_OPT_SHELL: return "--shell";
	default: return "launch option";
	}
}

/* Replace a string option: given twice, the last one counts. */
static void set_str(char **slot, const char *arg)
{
	free(*slot);
	*slot = xstrdup(arg);
}

static int set_hostname(struct mc_execopts *opts, const char *arg,
			mc_error_t *err)
{
	size_t i, len = strlen(arg);

	if (len == 0 || len > 64)
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "'%.80s': must be 1 to 64 characters", arg);
	for (i = 0; i < len; i++)
		if ((unsigned char)arg[i] <= ' ' || (unsigned char)arg[i] >= 0x7f)
			return mc_fail(err, MC_EXIT_USAGE, 0,
				       "'%.80s': no spaces or control characters", arg);
	set_str(&opts->hostname, arg);
	return 0;
}

static int set_user(struct mc_execopts *opts, const char *arg, mc_error_t *err)
{
	struct mc_exec_user user;

	if (mc_exec_user_resolve(arg, &user, err) < 0)
		return -1;
	mc_exec_user_clear(&opts->user);
	opts->user = user;
	opts->has_user = 1;
	return 0;
}

static int set_rlimit(struct mc_execopts *opts, const char *arg, mc_error_t *err)
{
	struct mc_exec_rlimit lim;
	size_t i;

	if (mc_exec_rlimit_parse(arg, &lim, err) < 0)
		return -1;
	/* given twice for one resource: the last one counts */
	for (i = 0; i < opts->n_rlimits; i++)
		if (opts->rlimits[i].resource == lim.resource) {
			opts->rlimits[i] = lim;
			return 0;
		}
	opts->rlimits = xrealloc(opts->rlimits,
				 sizeof(*opts->rlimits) * (opts->n_rlimits + 1));
	opts->rlimits[opts->n_rlimits++] = lim;
	return 0;
}

static int set_env(struct mc_execopts *opts, const char *arg, mc_error_t *err)
{
	if (mc_exec_env_check(arg, err) < 0)
		return -1;
	opts->env = xrealloc(opts->env, sizeof(*opts->env) * (opts->n_env + 1));
	opts->env[opts->n_env++] = xstrdup(arg);
	return 0;
}

static int set_seccomp(struct mc_execopts *opts, const char *arg,
		       mc_error_t *err)
{
	struct mc_seccomp_profile *profile = NULL;
	enum seccomp_mode mode;

	/* a profile file called "default" or "none" is ./default, ./none */
	if (strcmp(arg, "default") == 0)
		mode = SECCOMP_DEFAULT;
	else if (strcmp(arg, "none") == 0)
		mode = SECCOMP_NONE;
	else if (!*arg)
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "expected default, none or a profile file");
	else if (mc_exec_seccomp_read(arg, &profile, err) < 0)
		return -1;
	else
		mode = SECCOMP_FILE;
	mc_exec_seccomp_free(opts->seccomp_profile);
	opts->seccomp_profile = profile;
	opts->seccomp = mode;
	return 0;
}

static int set_one(struct mc_execopts *opts, int id, const char *arg,
		   mc_error_t *err)
{
	switch (id) {
	case MC_OPT_CLEAR_ENV:
		opts->clear_env = 1;
		return 0;
	case MC_OPT_NO_NEW_PRIVS:
		opts->no_new_privs = 1;
		return 0;
	case MC_OPT_SHELL:
		opts->shell = 1;
		return 0;
	default:
		break;
	}
	if (!arg)
		return mc_fail(err, MC_EXIT_USAGE, 0, "needs a value");
	switch (id) {
	case MC_OPT_WORKDIR:
		if (!*arg)
			return mc_fail(err, MC_EXIT_USAGE, 0, "empty directory");
		set_str(&opts->workdir, arg);
		return 0;
	case MC_OPT_ENV:
		return set_env(opts, arg, err);
	case MC_OPT_USER:
		return set_user(opts, arg, err);
	case MC_OPT_STDOUT:
	case MC_OPT_STDERR:
		if (!*arg)
			return mc_fail(err, MC_EXIT_USAGE, 0, "empty file name");
		set_str(id == MC_OPT_STDOUT ? &opts->stdout_path
					    : &opts->stderr_path, arg);
		return 0;
	case MC_OPT_RLIMIT:
		return set_rlimit(opts, arg, err);
	case MC_OPT_NAMESPACES:
		return mc_exec_ns_parse(arg, &opts->ns_flags, err);
	case MC_OPT_HOSTNAME:
		return set_hostname(opts, arg, err);
	case MC_OPT_CAPS:
		if (mc_exec_caps_parse(arg, &opts->caps, err) < 0)
			return -1;
		opts->has_caps = 1;
		return 0;
	case MC_OPT_SECCOMP:
		return set_seccomp(opts, arg, err);
	default:
		return mc_fail(err, MC_EXIT_USAGE, 0, "unknown option %d", id);
	}
}

int mc_execopts_set(struct mc_execopts *opts, int id, const char *arg,
		    mc_error_t *err)
{
	if (set_one(opts, id, arg, err) < 0) {
		mc_error_prefix(err, "%s", opt_name(id));
		return -1;
	}
	return 0;
}

int mc_execopts_validate(const struct mc_execopts *opts, mc_error_t *err)
{
	if (opts->hostname && !(opts->ns_flags & CLONE_NEWUTS))
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "--hostname: needs --namespaces with uts");
	return 0;
}

int mc_execopts_has_stdout(const struct mc_execopts *opts)
{
	return opts->stdout_path != NULL;
}

int mc_execopts_has_stderr(const struct mc_execopts *opts)
{
	return opts->stderr_path != NULL;
}

/* argv[] joined by spaces, for --shell. */
static char *join_args(char *const argv[])
{
	size_t len = 1, i;
	char *s, *p;

	for (i = 0; argv[i]; i++)
		len += strlen(argv[i]) + 1;
	p = s = xmalloc(len);
	for (i = 0; argv[i]; i++) {
		size_t n = strlen(argv[i]);

		if (i)
			*p++ = ' ';
		memcpy(p, argv[i], n);
		p += n;
	}
	*p = '\0';
	return s;
}

/* Everything up to the environment, in the safe order; the comments say
 * why each step stands where it does. */
static int setup(const struct mc_execopts *opts, int keep_fd, mc_error_t *err)
{
	/* Namespaces first: every later step then acts inside them (the
	 * hostname, /proc, the files opened).  With pid, from here on this
	 * is pid 1 of the new namespace. */
	if (mc_exec_ns_enter(opts->ns_flags, keep_fd, err) < 0) {
		mc_error_prefix(err, "--namespaces");
		return -1;
	}
	if (opts->hostname &&
	    sethostname(opts->hostname, strlen(opts->hostname)) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno,
			       "--hostname: sethostname");
	/* The log files are opened with root's rights, so that a command
	 * running as nobody still writes its logs where mc-launch said. */
	if (opts->stdout_path &&
	    mc_exec_fd_redirect(opts->stdout_path, STDOUT_FILENO, err) < 0) {
		mc_error_prefix(err, "--stdout");
		return -1;
	}
	if (opts->stderr_path &&
	    mc_exec_fd_redirect(opts->stderr_path, STDERR_FILENO, err) < 0) {
		mc_error_prefix(err, "--stderr");
		return -1;
	}
	/* Raising a hard limit needs CAP_SYS_RESOURCE: before any drop. */
	if (mc_exec_rlimit_apply(opts->rlimits, opts->n_rlimits, err) < 0) {
		mc_error_prefix(err, "--rlimit");
		return -1;
	}
	if (opts->workdir && chdir(opts->workdir) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "--workdir: %s",
			       opts->workdir);
	if (opts->has_caps &&
	    (mc_exec_caps_check(opts->caps, err) < 0 ||
	     mc_exec_caps_drop_bound(opts->caps, err) < 0)) {
		mc_error_prefix(err, "--caps");
		return -1;
	}
	if (opts->has_user) {
		/* Without keep-caps the switch away from uid 0 empties the
		 * permitted set, and what is gone cannot be set again. */
		if (opts->has_caps && opts->caps && opts->user.uid != 0 &&
		    prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
			return mc_fail(err, MC_EXIT_FAIL, errno,
				       "--caps: PR_SET_KEEPCAPS");
		if (mc_exec_user_switch(&opts->user, err) < 0) {
			mc_error_prefix(err, "--user");
			return -1;
		}
	}
	if (opts->has_caps && mc_exec_caps_set(opts->caps, err) < 0) {
		mc_error_prefix(err, "--caps");
		return -1;
	}
	/* Safe: only ever takes privileges away, for good. */
	if (opts->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno,
			       "--no-new-privs: PR_SET_NO_NEW_PRIVS");
	if (mc_exec_env_apply(opts->clear_env, opts->env, opts->n_env, err) < 0) {
		mc_error_prefix(err, "--env");
		return -1;
	}
	if (mc_exec_fd_cloexec_from(3, err) < 0)
		return -1;
	return 0;
}

static int load_seccomp(const struct mc_execopts *opts, mc_error_t *err)
{
	struct mc_seccomp_profile *def = NULL;
	int rc;

	switch (opts->seccomp) {
	case SECCOMP_NONE:
		return 0;
	case SECCOMP_FILE:
		rc = mc_exec_seccomp_load(opts->seccomp_profile, err);
		break;
	case SECCOMP_DEFAULT:
	default:
		def = mc_exec_seccomp_default(opts->ns_flags & CLONE_NEWNS);
		rc = mc_exec_seccomp_load(def, err);
		mc_exec_seccomp_free(def);
		break;
	}
	if (rc < 0)
		mc_error_prefix(err, "--seccomp");
	return rc;
}

int mc_execopts_exec(const struct mc_execopts *opts, char *const argv[],
		     int keep_fd, mc_error_t *err)
{
	static char sh[] = "sh", dash_c[] = "-c";
	cleanup_free char *joined = NULL;
	char *sh_argv[4];
	char *const *args = argv;
	const char *cmd;
	int e;

	if (!argv || !argv[0])
		return mc_fail(err, MC_EXIT_USAGE, 0, "no command");
	if (mc_execopts_validate(opts, err) < 0 || setup(opts, keep_fd, err) < 0)
		return -1;
	if (opts->shell) {
		joined = join_args(argv);
		sh_argv[0] = sh;
		sh_argv[1] = dash_c;
		sh_argv[2] = joined;
		sh_argv[3] = NULL;
		args = sh_argv;
	}
	cmd = opts->shell ? "/bin/sh" : argv[0];
	/* Last, so the filter only has to allow execve itself: nothing of
	 * mc's own set-up runs under it. */
	if (load_seccomp(opts, err) < 0)
		return -1;
	/* execvp() searches the PATH of the environment just set up. */
	execvp(cmd, args);
	e = errno;
	if (e == ENOENT)
		return mc_fail(err, MC_EXIT_NOT_FOUND, 0, "%.200s: command not found",
			       cmd);
	return mc_fail(err, MC_EXIT_CANNOT_EXEC, e, "%.200s: cannot execute", cmd);
}
