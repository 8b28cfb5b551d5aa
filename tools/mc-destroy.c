/* mc-destroy: kill everything in a container and remove it. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "destroy.h"

static void usage(void)
{
	printf("Usage: mc-destroy [OPTION...] ID...\n"
	       "Freeze container ID, kill every process in it, thaw it, remove its\n"
	       "cgroups (deepest first) and its state.\n\n"
	       "  -t, --timeout SECS  give up after SECS (default 60), leaving the\n"
	       "                      cgroups thawed and the state for a later try\n"
	       "\n%s", mc_common_usage);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "timeout", required_argument, NULL, 't' },
		MC_COMMON_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	struct mc_ctx ctx;
	struct mc_cli cli = { argc, argv, "t:", longopts, usage, &ctx, 0 };
	mc_error_t err = NULL;
	int timeout_ms = 60000;
	int opt, status = 0;

	mc_ctx_init(&ctx, argv[0]);
	while ((opt = mc_cli_next(&cli)) > 0) {
		switch (opt) {
		case 't':
			if (mc_cli_seconds("timeout", optarg, &timeout_ms))
				return MC_EXIT_USAGE;
			break;
		default:
			break;
		}
	}
	if (opt < 0)
		return cli.status;
	if (optind >= argc)
		return mc_usage_error("expected a container ID");
	for (int i = optind; i < argc; i++)
		if (mc_check_id(argv[i], &err) < 0)
			return mc_report(&err, NULL);
	if (mc_ctx_open(&ctx, false, &err) < 0)
		return mc_report(&err, NULL);
	for (int i = optind; i < argc; i++)
		if (mc_destroy(&ctx, argv[i], timeout_ms, &err) < 0) {
			int s = mc_report(&err, argv[i]);

			if (!status)
				status = s;
		}
	return status;
}
