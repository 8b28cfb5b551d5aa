/* mc-destroy: kill everything in a container and remove it. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "destroy.h"
#include "parse.h"

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
	double timeout = 60;
	int opt, status = 0;

	mc_ctx_init(&ctx, argv[0]);
	while ((opt = getopt_long(argc, argv, "t:vhV", longopts, NULL)) != -1) {
		if (mc_ctx_option(&ctx, opt, optarg))
			continue;
		switch (opt) {
		case 't':
			if (mc_parse_seconds(optarg, &timeout) < 0 || timeout > 86400)
				return mc_usage_error("--timeout: invalid value '%s'", optarg);
			break;
		case 'h':
			usage();
			return 0;
		case 'V':
			mc_print_version();
			return 0;
		default:
			return MC_EXIT_USAGE;
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
		if (mc_destroy(&ctx, argv[i], (int)(timeout * 1000), &err) < 0) {
			int s = mc_report(&err, argv[i]);

			if (!status)
				status = s;
		}
	return status;
}
