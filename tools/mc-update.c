/* mc-update: change the limits of a container. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "reslimits.h"
#include "update.h"

static void usage(void)
{
	printf("Usage: mc-update [OPTION...] ID\n"
	       "Change the limits of container ID in place.  A hard memory limit is\n"
	       "raised at once and lowered only when the memory in use is below it;\n"
	       "otherwise the soft limit is set to it, the hard one is kept, and\n"
	       "mc-update says so and exits 1.\n\n%s\n%s", mc_limits_usage, mc_common_usage);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		MC_LIMIT_LONGOPTS, MC_COMMON_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	struct mc_limits lim = { 0 };
	struct mc_ctx ctx;
	mc_error_t err = NULL;
	const char *id;
	int opt;

	mc_ctx_init(&ctx, argv[0]);
	while ((opt = getopt_long(argc, argv, "vhV", longopts, NULL)) != -1) {
		if (mc_ctx_option(&ctx, opt, optarg))
			continue;
		if (mc_limits_is_option(opt)) {
			if (mc_limits_set(&lim, opt, optarg, &err) < 0)
				return mc_report(&err, NULL);
			continue;
		}
		switch (opt) {
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
	if (!lim.set)
		return mc_usage_error("expected at least one limit to change");
	if (mc_check_id(id, &err) < 0 || mc_ctx_open(&ctx, false, &err) < 0 ||
	    mc_update(&ctx, id, &lim, &err) < 0)
		return mc_report(&err, id);
	return 0;
}
