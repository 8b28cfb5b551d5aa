/* mc-isolate: move the launched executor into its container's cgroups and
 * release it. */
#include <getopt.h>
#include <stdint.h>
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
	       "  -w, --while-alive PID  stop waiting when process PID (the launcher)\n"
	       "                      has ended\n"
	       "\n%s", mc_common_usage);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "timeout", required_argument, NULL, 't' },
		{ "while-alive", required_argument, NULL, 'w' },
		MC_COMMON_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	struct mc_ctx ctx;
	struct mc_cli cli = { argc, argv, "t:w:", longopts, usage, &ctx, 0 };
	mc_error_t err = NULL;
	int timeout_ms = 10000;
	pid_t while_alive = 0;
	const char *id;
	int opt;

	mc_ctx_init(&ctx, argv[0]);
	while ((opt = mc_cli_next(&cli)) > 0) {
		switch (opt) {
		case 'w': {
			uint64_t pid;

			if (mc_parse_u64(optarg, &pid) < 0 || pid < 1 || pid > 4194304)
				return mc_usage_error("--while-alive: invalid pid '%.80s'", optarg);
			while_alive = (pid_t)pid;
			break;
		}
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
	if (optind != argc - 1)
		return mc_usage_error("expected one container ID");
	id = argv[optind];
	if (mc_check_id(id, &err) < 0 || mc_ctx_open(&ctx, false, &err) < 0 ||
	    mc_isolate(&ctx, id, timeout_ms, while_alive, &err) < 0)
		return mc_report(&err, id);
	return 0;
}
