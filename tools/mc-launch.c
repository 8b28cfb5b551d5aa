/* mc-launch: fork the executor of a prepared container; it waits until
 * mc-isolate releases it, then execs CMD.  mc-launch supervises it. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "execopts.h"
#include "launch.h"

static void usage(void)
{
	printf("Usage: mc-launch [OPTION...] ID -- CMD [ARG...]\n"
	       "Fork CMD as the executor of prepared container ID.  It waits until\n"
	       "mc-isolate releases it; mc-launch stays as its supervisor and exits\n"
	       "with its status (128+N when killed by signal N).\n\n"
	       "  -d, --detach        print the executor's pid and return once it waits;\n"
	       "                      a supervisor goes on in the background, the\n"
	       "                      executor's output goes to RUN/ID/stdout and stderr\n"
	       "\n%s\n%s", mc_execopts_usage, mc_common_usage);
}

static void free_execopts(struct mc_execopts **opts)
{
	mc_execopts_free(*opts);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "detach", no_argument, NULL, 'd' },
		MC_EXECOPTS_LONGOPTS,
		MC_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	/* freed on every return, the supervisor's included (LeakSanitizer) */
	__attribute__((cleanup(free_execopts))) struct mc_execopts *exec =
		mc_execopts_new();
	struct mc_launch l = { 0 };
	struct mc_ctx ctx;
	struct mc_cli cli = { argc, argv, "d", longopts, usage, &ctx, 0 };
	mc_error_t err = NULL;
	int opt;

	mc_ctx_init(&ctx, argv[0]);
	while ((opt = mc_cli_next(&cli)) > 0) {
		if (opt >= MC_OPT_WORKDIR && opt < MC_OPT_EXECOPT_END) {
			if (mc_execopts_set(exec, opt, optarg, &err) < 0)
				return mc_report(&err, NULL);
			continue;
		}
		switch (opt) {
		case 'd':
			l.detached = true;
			break;
		default:
			break;
		}
	}
	if (opt < 0)
		return cli.status;
	if (argc - optind < 2)
		return mc_usage_error("expected a container ID and a command");
	l.id = argv[optind];
	l.argv = argv + optind + 1;
	l.exec = exec;
	l.ctx = &ctx;
	if (mc_check_id(l.id, &err) < 0 || mc_execopts_validate(exec, &err) < 0 ||
	    mc_ctx_open(&ctx, false, &err) < 0)
		return mc_report(&err, l.id);
	if (l.detached) {
		pid_t pid = mc_launch_detached(&l, &err);

		if (pid < 0)
			return mc_report(&err, l.id);
		if (pid > 0) {
			printf("%d\n", (int)pid);
			return 0;
		}
	} else if (mc_launch_start(&l, &err) < 0) {
		return mc_report(&err, l.id);
	}
	return mc_launch_supervise(&l);
}
