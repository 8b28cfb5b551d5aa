/* mc-prepare: create a container's cgroups with their limits, and its
 * state directory. */
#include <stdio.h>

#include "cli.h"
#include "prepare.h"
#include "reslimits.h"

static void usage(void)
{
	printf("Usage: mc-prepare [OPTION...] ID\n"
	       "Create the cgroups of container ID, write its limits, and its state\n"
	       "directory RUN/ID.\n\n%s\n%s", mc_limits_usage, mc_common_usage);
}

int main(int argc, char **argv)
{
	return mc_cli_limits_main(argc, argv, usage, true, mc_prepare);
}
