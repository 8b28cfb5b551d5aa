/* mc-list: one line per container with its state. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "list.h"
#include "rundir.h"

static void usage(void)
{
	printf("Usage: mc-list [OPTION...]\n"
	       "One line per container in the run directory: ID, state (prepared,\n"
	       "launched, running, exited, unknown), pid, uptime, cpu seconds, memory\n"
	       "in use, and how the executor ended.\n\n"
	       "  -f, --format FMT    table (default; a header line on a terminal) or\n"
	       "                      json (JSON Lines)\n"
	       "\n%s", mc_common_usage);
}

struct list_arg {
	struct mc_ctx *ctx;
	bool json;
};

static int list_one(const char *id, void *arg)
{
	struct list_arg *a = arg;
	struct mc_list_row row;
	mc_error_t err = NULL;

	if (mc_list_read(a->ctx, id, &row, &err) < 0) {
		mc_error_free(&err);	/* destroyed since the listing */
		return 0;
	}
	mc_list_print(stdout, &row, a->json);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		MC_COMMON_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	struct mc_ctx ctx;
	struct mc_cli cli = { argc, argv, "f:", longopts, usage, &ctx, 0 };
	struct list_arg arg = { &ctx, false };
	mc_error_t err = NULL;
	int opt;

	mc_ctx_init(&ctx, argv[0]);
	while ((opt = mc_cli_next(&cli)) > 0) {
		switch (opt) {
		case 'f':
			if (strcmp(optarg, "json") == 0)
				arg.json = true;
			else if (strcmp(optarg, "table") != 0)
				return mc_usage_error("--format: expected table or json, not '%.80s'", optarg);
			break;
		default:
			break;
		}
	}
	if (opt < 0)
		return cli.status;
	if (optind != argc)
		return mc_usage_error("unexpected argument '%.80s'", argv[optind]);
	if (mc_ctx_open(&ctx, false, &err) < 0) {
		if (err->status == MC_EXIT_NOENT) {	/* no run dir: no containers */
			mc_error_free(&err);
			return 0;
		}
		return mc_report(&err, NULL);
	}
	if (!arg.json && isatty(STDOUT_FILENO))
		mc_list_print_header(stdout);
	if (mc_rundir_each(ctx.run_fd, list_one, &arg, &err) < 0)
		return mc_report(&err, NULL);
	return 0;
}
