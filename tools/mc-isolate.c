/* mc-isolate: move the launched executor into its container's cgroups and
 * release it. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "isolate.h"
#include "parse.h"

static void usage(void)
{
	printf("Usage: mc-isolate [OPTION...] ID\n"
	       "Wait for the executor of container ID to be launched, move it into\n"
	       "every cgroup of the container, check it is there, and release it.\n\n"
	       "  -t, --timeout SECS  how long to wait for the launch (default 10)\n"
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
	double timeout = 10;
	const char *id;
	int opt;

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
	if (optind != argc - 1)
		return mc_usage_error("expected one container ID");
	id = argv[optind];
	if (mc_check_id(id, &err) < 0 || mc_ctx_open(&ctx, false, &err) < 0 ||
	    mc_isolate(&ctx, id, (int)(timeout * 1000), &err) < 0)
		return mc_report(&err, id);
	return 0;
}
