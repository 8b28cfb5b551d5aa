/* mc-update: change the limits of a container. */
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
	return mc_cli_limits_main(argc, argv, usage, false, mc_update);
}
