/* How the executor is set up between its release and its execve():
 * namespaces, user and groups, rlimits, working directory, capabilities,
 * no_new_privs, seccomp, environment and standard streams.
 *
 * mc-launch parses its launch options into a struct mc_execopts in the
 * parent (so a bad value is a usage error before anything is forked), and
 * the released child calls mc_execopts_exec(), which applies everything in
 * the safe order and execs.  It only returns on failure, with *err naming
 * the option that failed; the child then reports that back to mc-launch.
 */
#ifndef MC_EXECOPTS_H
#define MC_EXECOPTS_H

#include "error.h"

/* Option identifiers, used as getopt_long 'val' by mc-launch (all above
 * the range of single characters). */
enum mc_execopt_id {
	MC_OPT_WORKDIR = 0x1000,
	MC_OPT_ENV,
	MC_OPT_CLEAR_ENV,
	MC_OPT_USER,
	MC_OPT_STDOUT,
	MC_OPT_STDERR,
	MC_OPT_RLIMIT,
	MC_OPT_NAMESPACES,
	MC_OPT_HOSTNAME,
	MC_OPT_CAPS,
	MC_OPT_NO_NEW_PRIVS,
	MC_OPT_SECCOMP,
	MC_OPT_SHELL,
	MC_OPT_EXECOPT_END,
};

/* Their getopt_long(3) entries, to splice into a program's table (which
 * includes <getopt.h>):
 *     static const struct option longopts[] = {
 *             { "help", no_argument, NULL, 'h' }, MC_EXECOPTS_LONGOPTS, { 0 } }; */
#define MC_EXECOPTS_LONGOPTS \
	{ "workdir", required_argument, NULL, MC_OPT_WORKDIR }, \
	{ "env", required_argument, NULL, MC_OPT_ENV }, \
	{ "clear-env", no_argument, NULL, MC_OPT_CLEAR_ENV }, \
	{ "user", required_argument, NULL, MC_OPT_USER }, \
	{ "stdout", required_argument, NULL, MC_OPT_STDOUT }, \
	{ "stderr", required_argument, NULL, MC_OPT_STDERR }, \
	{ "rlimit", required_argument, NULL, MC_OPT_RLIMIT }, \
	{ "namespaces", required_argument, NULL, MC_OPT_NAMESPACES }, \
	{ "hostname", required_argument, NULL, MC_OPT_HOSTNAME }, \
	{ "caps", required_argument, NULL, MC_OPT_CAPS }, \
	{ "no-new-privs", no_argument, NULL, MC_OPT_NO_NEW_PRIVS }, \
	{ "seccomp", required_argument, NULL, MC_OPT_SECCOMP }, \
	{ "shell", no_argument, NULL, MC_OPT_SHELL }

struct mc_execopts;

struct mc_execopts *mc_execopts_new(void);
void mc_execopts_free(struct mc_execopts *opts);

/* Parse one launch option (arg is NULL for flags).  A bad value returns -1
 * with status MC_EXIT_USAGE and a message naming the option. */
int mc_execopts_set(struct mc_execopts *opts, int id, const char *arg,
		    mc_error_t *err);

/* Checks that need the whole set (e.g. --hostname without uts). */
int mc_execopts_validate(const struct mc_execopts *opts, mc_error_t *err);

/* True when --stdout / --stderr was given (otherwise mc-launch decides
 * where the streams go). */
int mc_execopts_has_stdout(const struct mc_execopts *opts);
int mc_execopts_has_stderr(const struct mc_execopts *opts);

/* In the released child: apply everything, then execvp argv (through
 * "sh -c" with --shell).  Returns only on failure: status 127 when the
 * command is not found, 126 when it cannot be executed, 1 otherwise.
 * With the pid namespace the calling process forks: the child (pid 1 in
 * the namespace) goes on and returns here on failure; the caller itself
 * becomes the init-forwarder and never returns: it exits with the
 * command's exit status, or dies of the signal that killed it.
 * Every descriptor above 2 is closed or close-on-exec by the time of the
 * exec, except keep_fd (the channel to report an error on), which the
 * caller has opened close-on-exec. */
int mc_execopts_exec(const struct mc_execopts *opts, char *const argv[],
		     int keep_fd, mc_error_t *err);

/* The launch options' part of mc-launch --help. */
extern const char mc_execopts_usage[];

#endif
