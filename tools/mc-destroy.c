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
	mc_error_t err = NULL;
	int timeout_ms = 60000;
	int opt, status = 0;

	mc_ctx_init(&ctx, argv[0]);
	while ((opt = getopt_long(argc, argv, "t:vhV", longopts, NULL)) != -1) {
		int r = mc_cli_common(&ctx, opt, optarg, usage);

		if (r == MC_CLI_NEXT)
			continue;
		if (r >= 0)
			return r;
		switch (opt) {
		case 't':
			if (mc_cli_seconds("timeout", optarg, &timeout_ms))
				return MC_EXIT_USAGE;
			break;
		default:
			break;
		}
	}
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
