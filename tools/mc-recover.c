/* mc-recover: after a crash, keep live containers, destroy dead ones and
 * orphans. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "recover.h"

static void usage(void)
{
	printf("Usage: mc-recover [OPTION...]\n"
	       "Go over every container: keep the live ones, destroy those whose\n"
	       "executor is gone, destroy cgroups under the cgroup root that have no\n"
	       "state, clean state that has no cgroups.  One line per container:\n"
	       "\"ID ACTION REASON\".  One mc-recover runs at a time.\n\n"
	       "  -n, --dry-run       report what would be done, do nothing\n"
	       "      --format FMT    text (default) or json (JSON Lines)\n"
	       "  -t, --timeout SECS  per-container destroy timeout (default 60)\n"
	       "\n%s", mc_common_usage);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "format", required_argument, NULL, 'f' },
		{ "timeout", required_argument, NULL, 't' },
		MC_COMMON_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	struct mc_recover_opts opts = { .timeout_ms = 60000, .out = stdout };
	struct mc_ctx ctx;
	struct mc_cli cli = { argc, argv, "nt:", longopts, usage, &ctx, 0 };
	mc_error_t err = NULL;
	int opt;

	mc_ctx_init(&ctx, argv[0]);
	while ((opt = mc_cli_next(&cli)) > 0) {
		switch (opt) {
		case 'n':
			opts.dry_run = true;
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				opts.json = true;
			else if (strcmp(optarg, "text") != 0)
				return mc_usage_error("--format: expected text or json, not '%.80s'", optarg);
			break;
		case 't':
			if (mc_cli_seconds("timeout", optarg, &opts.timeout_ms))
				return MC_EXIT_USAGE;
			break;
		default:
			break;
		}
	}
	if (opt < 0)
		return cli.status;
	if (optind != argc)
		return mc_usage_error("unexpected argument '%.80s'", argv[optind]);
	if (mc_ctx_open(&ctx, true, &err) < 0 || mc_recover(&ctx, &opts, &err) < 0)
		return mc_report(&err, NULL);
	return 0;
}
