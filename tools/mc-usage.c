/* mc-usage: print containers' resource statistics. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "parse.h"
#include "rundir.h"
#include "stats.h"
#include "usage.h"
#include "xalloc.h"

static void usage(void)
{
	printf("Usage: mc-usage [OPTION...] ID...\n"
	       "       mc-usage [OPTION...] --all\n"
	       "Print resource statistics, one JSON object per container and line,\n"
	       "with the names of Mesos' ResourceStatistics.\n\n"
	       "  -a, --all           every container in the run directory\n"
	       "  -f, --format FMT    json (default), kv (key=value lines), prom\n"
	       "                      (Prometheus text format) or table (for people)\n"
	       "  -w, --watch SECS    print again every SECS until interrupted or until\n"
	       "                      the containers are gone\n"
	       "\n%s", mc_common_usage);
}

struct id_list {
	char **ids;
	int n, cap;
};

static int add_id(const char *id, void *arg)
{
	struct id_list *l = arg;

	if (l->n == l->cap)
		l->ids = xrealloc(l->ids, (size_t)(l->cap = l->cap ? l->cap * 2 : 64) * sizeof(char *));
	l->ids[l->n++] = xstrdup(id);
	return 0;
}

static void free_ids(struct id_list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->ids[i]);
	free(l->ids);
}

/* One round: read and print.  Returns the number of containers printed,
 * *status the exit status for the missing ones.  *kv_blocks counts the
 * key=value blocks printed so far, this round and the earlier ones: a
 * blank line stands between any two, so rounds part as containers do. */
static int report_round(struct mc_ctx *ctx, struct id_list *ids, bool all,
			enum mc_stats_format format, int *status, long *kv_blocks)
{
	/* JSON Lines and key=value go out as each container is read, so
	 * memory does not grow with the number of containers; Prometheus and
	 * the table need them all (grouping by metric, column widths). */
	bool stream = format == MC_FMT_JSON || format == MC_FMT_KV;
	struct mc_stats *st = xzalloc((size_t)(stream || !ids->n ? 1 : ids->n) * sizeof(*st));
	int n = 0;

	for (int i = 0; i < ids->n; i++) {
		mc_error_t err = NULL;
		struct mc_stats *slot = stream ? st : &st[n];

		if (mc_usage_read(ctx, ids->ids[i], slot, &err) == 0) {
			if (stream) {
				if (format == MC_FMT_KV && (*kv_blocks)++)
					putchar('\n');
				mc_stats_print(stdout, format, slot, 1);
			}
			n++;
			continue;
		}
		/* With --all a container destroyed since the listing is
		 * simply no longer there. */
		if (all && err->status == MC_EXIT_NOENT) {
			mc_error_free(&err);
			continue;
		}
		{
			int s = mc_report(&err, ids->ids[i]);

			if (!*status)
				*status = s;
		}
	}
	/* a round without a container prints nothing, not a lone header */
	if (!stream && n)
		mc_stats_print(stdout, format, st, n);
	fflush(stdout);
	free(st);
	return n;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "watch", required_argument, NULL, 'w' },
		MC_COMMON_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	enum mc_stats_format format = MC_FMT_JSON;
	/* freed on every return (LeakSanitizer) */
	__attribute__((cleanup(free_ids))) struct id_list ids = { 0 };
	struct mc_ctx ctx;
	struct mc_cli cli = { argc, argv, "af:w:", longopts, usage, &ctx, 0 };
	mc_error_t err = NULL;
	bool all = false;
	double watch = 0;
	long kv_blocks = 0;
	int opt, status = 0;

	mc_ctx_init(&ctx, argv[0]);
	while ((opt = mc_cli_next(&cli)) > 0) {
		switch (opt) {
		case 'a':
			all = true;
			break;
		case 'f':
			if (mc_stats_parse_format(optarg, &format) < 0)
				return mc_usage_error("--format: expected json, kv, prom or table, not '%.80s'", optarg);
			break;
		case 'w':
			if (mc_parse_cpus(optarg, &watch) < 0 || watch > 86400)
				return mc_usage_error("--watch: invalid value '%.80s': expected a number of seconds greater than 0, at most 86400",
						      optarg);
			break;
		default:
			break;
		}
	}
	if (opt < 0)
		return cli.status;
	if (all == (optind < argc))
		return mc_usage_error(all ? "--all takes no container ID" : "expected a container ID or --all");
	for (int i = optind; i < argc; i++) {
		if (mc_check_id(argv[i], &err) < 0)
			return mc_report(&err, NULL);
		add_id(argv[i], &ids);
	}
	if (mc_ctx_open(&ctx, false, &err) < 0) {
		if (all && err->status == MC_EXIT_NOENT) {	/* no containers */
			mc_error_free(&err);
			return 0;
		}
		return mc_report(&err, ids.n ? ids.ids[0] : NULL);
	}
	for (;;) {
		struct timespec ts;
		int printed;

		if (all) {
			for (int i = 0; i < ids.n; i++)
				free(ids.ids[i]);
			ids.n = 0;
			if (mc_rundir_each(ctx.run_fd, add_id, &ids, &err) < 0)
				return mc_report(&err, NULL);
		}
		printed = report_round(&ctx, &ids, all, format, &status, &kv_blocks);
		if (watch <= 0 || (printed == 0 && ids.n > 0 && !all))
			break;
		if (all && printed == 0 && ids.n == 0)
			break;
		ts.tv_sec = (time_t)watch;
		ts.tv_nsec = (long)((watch - (double)ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);
		status = 0;
	}
	return status;
}
