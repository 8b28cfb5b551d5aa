#include "cli.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "parse.h"
#include "reslimits.h"
#include "rundir.h"

const char mc_common_usage[] =
	"Common options:\n"
	"      --run-dir DIR       state directory (env MC_RUN_DIR, default " MC_DEFAULT_RUN_DIR ")\n"
	"      --cgroup-root NAME  parent cgroup of the containers (env MC_CGROUP_ROOT;\n"
	"                          default mc, or mc.slice on a systemd host)\n"
	"      --systemd-slice NAME.slice  the same, for a slice of one's own\n"
	"  -v, --verbose           say what is done, step by step, on stderr\n"
	"  -h, --help              print this help and exit\n"
	"  -V, --version           print the version and exit\n"
	"\n"
	"Exit status: 0 done, 1 failed, 2 usage error, 3 no such container,\n"
	"4 conflict (exists already, wrong state, locked).\n";

void mc_ctx_init(struct mc_ctx *ctx, const char *argv0)
{
	const char *env;

	mc_set_program_name(argv0);
	env = getenv("MC_RUN_DIR");
	ctx->run_dir = env && *env ? env : MC_DEFAULT_RUN_DIR;
	env = getenv("MC_CGROUP_ROOT");
	if (env && *env)
		ctx->cgroup_root = env;
	else
		ctx->cgroup_root = access("/run/systemd/system", F_OK) == 0 ? "mc.slice" : "mc";
	ctx->slice = false;
	ctx->run_fd = -1;
}

/* Apply a common option: MC_CLI_NEXT when OPT was one, MC_CLI_OWN when it
 * is the program's own, or the exit status to end the program with. */
enum { MC_CLI_OWN = -1, MC_CLI_NEXT = -2 };

static int common_option(struct mc_ctx *ctx, int opt, const char *arg, void (*usage)(void))
{
	switch (opt) {
	case 'h':
		usage();
		return MC_EXIT_OK;
	case 'V':
		mc_print_version();
		return MC_EXIT_OK;
	case MC_OPT_RUN_DIR:
		ctx->run_dir = arg;
		return MC_CLI_NEXT;
	case MC_OPT_CGROUP_ROOT:
		ctx->cgroup_root = arg;
		ctx->slice = false;
		return MC_CLI_NEXT;
	case MC_OPT_SYSTEMD_SLICE:
		ctx->cgroup_root = arg;
		ctx->slice = true;
		return MC_CLI_NEXT;
	case 'v':
		mc_set_verbose(1);
		return MC_CLI_NEXT;
	default:
		return MC_CLI_OWN;
	}
}

/* How many long options NAME (LEN characters) abbreviates. */
static int long_matches(const struct option *longopts, const char *name, size_t len)
{
	int n = 0;

	for (const struct option *o = longopts; o->name; o++) {
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return 1;
		if (strncmp(o->name, name, len) == 0)
			n++;
	}
	return n;
}

/* Say what getopt refused (WHAT is '?' or ':'), the way every other usage
 * error is said.  getopt's own messages are off (opterr = 0): they lack
 * the --help hint and some are two lines.  Which argument it refused is
 * read back from optind and optopt: a refused long option has been
 * stepped over (argv[optind - 1]); a refused letter is optopt, and optind
 * may still point into its group ("-vx"). */
static int refused_option(const struct mc_cli *cli, const char *optstring, int what)
{
	const char *arg = optind > 0 && optind <= cli->argc ? cli->argv[optind - 1] : "";
	bool own_letter = optopt > 0 && optopt < 0x100 && optopt != ':' &&
			  strchr(optstring, optopt);
	int len;

	if (what == ':' && strncmp(arg, "--", 2) != 0)
		return mc_usage_error("option '-%c' needs a value", optopt);
	if (what == '?' && optopt > 0 && optopt < 0x100 && !own_letter)
		return isgraph(optopt) ? mc_usage_error("unknown option '-%c'", optopt)
				       : mc_usage_error("unknown option");
	if (strncmp(arg, "--", 2) != 0)
		return mc_usage_error("unknown option");
	/* a long option: --NAME or --NAME=VALUE */
	arg += 2;
	len = (int)strcspn(arg, "=");
	if (len > 80)
		len = 80;
	if (what == ':')
		return mc_usage_error("option '--%.*s' needs a value", len, arg);
	if (optopt != 0)
		return mc_usage_error("option '--%.*s' takes no value", len, arg);
	if (long_matches(cli->longopts, arg, (size_t)len) > 1)
		return mc_usage_error("option '--%.*s' is ambiguous", len, arg);
	return mc_usage_error("unknown option '--%.*s'", len, arg);
}

int mc_cli_next(struct mc_cli *cli)
{
	char optstring[64];
	int opt;

	/* ':' first: a missing value comes back as ':', not as '?' */
	if ((size_t)snprintf(optstring, sizeof(optstring), ":%svhV", cli->shortopts) >=
	    sizeof(optstring))
		abort();	/* a program's table, not a user's input */
	opterr = 0;
	while ((opt = getopt_long(cli->argc, cli->argv, optstring, cli->longopts, NULL)) != -1) {
		int r;

		if (opt == '?' || opt == ':') {
			cli->status = refused_option(cli, optstring, opt);
			return -1;
		}
		r = common_option(cli->ctx, opt, optarg, cli->usage);
		if (r == MC_CLI_NEXT)
			continue;
		if (r >= 0) {
			cli->status = r;
			return -1;
		}
		return opt;
	}
	return 0;
}

int mc_cli_seconds(const char *opt, const char *arg, int *ms)
{
	double secs;

	if (mc_parse_seconds(arg, &secs) < 0 || secs > 86400)
		return mc_usage_error("--%s: invalid value '%.80s': expected seconds", opt, arg);
	*ms = (int)(secs * 1000);
	return 0;
}

int mc_cli_limits_main(int argc, char **argv, void (*usage)(void), bool create,
		       int (*action)(struct mc_ctx *ctx, const char *id,
				     const struct mc_limits *lim, mc_error_t *err))
{
	static const struct option longopts[] = {
		MC_LIMIT_LONGOPTS, MC_COMMON_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	struct mc_limits lim = { 0 };
	struct mc_ctx ctx;
	struct mc_cli cli = { argc, argv, "", longopts, usage, &ctx, 0 };
	mc_error_t err = NULL;
	const char *id;
	int opt;

	mc_ctx_init(&ctx, argv[0]);
	while ((opt = mc_cli_next(&cli)) > 0)
		if (mc_limits_set(&lim, opt, optarg, &err) < 0)
			return mc_report(&err, NULL);
	if (opt < 0)
		return cli.status;
	if (optind != argc - 1)
		return mc_usage_error("expected one container ID");
	id = argv[optind];
	if (!create && !lim.set)
		return mc_usage_error("expected at least one limit to change");
	if (mc_check_id(id, &err) < 0 || (create && mc_limits_validate(&lim, &err) < 0) ||
	    mc_ctx_open(&ctx, create, &err) < 0 || action(&ctx, id, &lim, &err) < 0)
		return mc_report(&err, id);
	return 0;
}

int mc_ctx_open(struct mc_ctx *ctx, bool create, mc_error_t *err)
{
	if (!mc_valid_id(ctx->cgroup_root))
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "invalid cgroup root name '%.80s': expected [A-Za-z0-9][A-Za-z0-9_.-]{0,63}",
			       ctx->cgroup_root);
	if (ctx->slice && (strlen(ctx->cgroup_root) <= 6 ||
			   strcmp(ctx->cgroup_root + strlen(ctx->cgroup_root) - 6, ".slice") != 0))
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "--systemd-slice: '%.80s' does not end in .slice", ctx->cgroup_root);
	if (!*ctx->run_dir || strlen(ctx->run_dir) >= 4000)
		return mc_fail(err, MC_EXIT_USAGE, 0, "invalid run directory");
	ctx->run_fd = mc_rundir_open(ctx->run_dir, create, err);
	return ctx->run_fd < 0 ? -1 : 0;
}

int mc_check_id(const char *id, mc_error_t *err)
{
	if (!mc_valid_id(id))
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "invalid container ID '%.80s': expected [A-Za-z0-9][A-Za-z0-9_.-]{0,63}, not a cgroup file name",
			       id);
	return 0;
}

void mc_print_version(void)
{
	printf("%s (%s) %s\n", mc_program_name(), PACKAGE_NAME, PACKAGE_VERSION);
}

int mc_usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", mc_program_name());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): started above */
	va_end(ap);
	fprintf(stderr, " (see %s --help)\n", mc_program_name());
	return MC_EXIT_USAGE;
}

int mc_report(mc_error_t *err, const char *id)
{
	if (id && *err && mc_valid_id(id))
		mc_error_prefix(err, "%s", id);
	return mc_error_report(err);
}
