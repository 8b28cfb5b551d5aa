/* What every program shares: the run directory and cgroup root it works
 * on, the common options, and how it reports an error. */
#ifndef MC_CLI_H
#define MC_CLI_H

#include <getopt.h>
#include <stdbool.h>

#include "error.h"

struct mc_ctx {
	const char *run_dir;
	const char *cgroup_root;
	bool slice;	/* the root was given as a systemd slice */
	int run_fd;
};

enum mc_common_opt {
	MC_OPT_RUN_DIR = 0x3000,
	MC_OPT_CGROUP_ROOT,
	MC_OPT_SYSTEMD_SLICE,
};

#define MC_COMMON_LONGOPTS \
	{ "run-dir", required_argument, NULL, MC_OPT_RUN_DIR }, \
	{ "cgroup-root", required_argument, NULL, MC_OPT_CGROUP_ROOT }, \
	{ "systemd-slice", required_argument, NULL, MC_OPT_SYSTEMD_SLICE }, \
	{ "verbose", no_argument, NULL, 'v' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, 'V' }

extern const char mc_common_usage[];

/* Defaults from MC_RUN_DIR / MC_CGROUP_ROOT, program name from argv0.
 * Without MC_CGROUP_ROOT, a systemd host (/run/systemd/system) gets the
 * root "mc.slice", so that the containers live in a slice of their own
 * (see contrib/systemd/mc.slice) and stopping the agent's unit neither
 * kills nor migrates them. */
void mc_ctx_init(struct mc_ctx *ctx, const char *argv0);

/* The option loop every program shares: getopt_long(3) over the
 * program's own options and the common ones.
 *
 *	struct mc_cli cli = { argc, argv, "t:", longopts, usage, &ctx, 0 };
 *
 *	while ((opt = mc_cli_next(&cli)) > 0)
 *		switch (opt) { ...the program's own options... }
 *	if (opt < 0)
 *		return cli.status;
 */
struct mc_cli {
	int argc;
	char **argv;
	const char *shortopts;		/* the program's own letters, e.g. "t:w:" */
	const struct option *longopts;	/* its own and MC_COMMON_LONGOPTS */
	void (*usage)(void);		/* prints the --help text */
	struct mc_ctx *ctx;		/* where the common options go */
	int status;			/* the exit status once mc_cli_next() returned -1 */
};

/* The next of the program's own options (its value in optarg); 0 when the
 * options end (argv[optind] is the first operand); -1 when the program is
 * to end with cli->status: after --help or --version, or after saying, in
 * one line with the --help hint, what is wrong with an unknown option or a
 * missing value (MC_EXIT_USAGE).  The common options go to cli->ctx. */
int mc_cli_next(struct mc_cli *cli);

/* Parse --OPT SECS into milliseconds; returns 0, or MC_EXIT_USAGE after
 * saying why. */
int mc_cli_seconds(const char *opt, const char *arg, int *ms);

/* The whole main() of a program taking limits and one ID (mc-prepare,
 * mc-update): parse, check, open the run dir (CREATE), call ACTION. */
struct mc_limits;
int mc_cli_limits_main(int argc, char **argv, void (*usage)(void), bool create,
		       int (*action)(struct mc_ctx *ctx, const char *id,
				     const struct mc_limits *lim, mc_error_t *err));

/* Check the cgroup root name and open the run directory (CREATE: make it
 * when missing). */
int mc_ctx_open(struct mc_ctx *ctx, bool create, mc_error_t *err);

/* Check ID; a bad one is a usage error. */
int mc_check_id(const char *id, mc_error_t *err);

void mc_print_version(void);

/* "PROG: MSG (see PROG --help)", one line on stderr; returns MC_EXIT_USAGE. */
int mc_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print *err as "PROG: ID: MSG" (ID may be NULL) and return its status. */
int mc_report(mc_error_t *err, const char *id);

#endif
