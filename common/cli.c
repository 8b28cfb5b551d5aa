#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "parse.h"
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

int mc_ctx_option(struct mc_ctx *ctx, int opt, const char *arg)
{
	switch (opt) {
	case MC_OPT_RUN_DIR:
		ctx->run_dir = arg;
		return 1;
	case MC_OPT_CGROUP_ROOT:
		ctx->cgroup_root = arg;
		ctx->slice = false;
		return 1;
	case MC_OPT_SYSTEMD_SLICE:
		ctx->cgroup_root = arg;
		ctx->slice = true;
		return 1;
	case 'v':
		mc_set_verbose(1);
		return 1;
	default:
		return 0;
	}
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
	vfprintf(stderr, fmt, ap);
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
