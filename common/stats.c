#include "stats.h"

#include <inttypes.h>
#include <string.h>

static const struct {
	const char *name;
	enum mc_stat_kind kind;
	bool counter;		/* only ever grows: a Prometheus counter */
	const char *help;
} stat_info[MC_ST_COUNT] = {
	[MC_ST_PROCESSES] = { "processes", MC_STAT_COUNT, false, "Processes in the container" },
	[MC_ST_THREADS] = { "threads", MC_STAT_COUNT, false, "Threads in the container" },
	[MC_ST_CPUS_USER] = { "cpus_user_time_secs", MC_STAT_SECONDS, true, "CPU time spent in user mode" },
	[MC_ST_CPUS_SYSTEM] = { "cpus_system_time_secs", MC_STAT_SECONDS, true, "CPU time spent in kernel mode" },
	[MC_ST_CPUS_LIMIT] = { "cpus_limit", MC_STAT_CPUS, false, "CPU cap (or share when uncapped)" },
	[MC_ST_CPUS_SOFT_LIMIT] = { "cpus_soft_limit", MC_STAT_CPUS, false, "CPU share" },
	[MC_ST_CPUS_NR_PERIODS] = { "cpus_nr_periods", MC_STAT_COUNT, true, "CFS enforcement periods elapsed" },
	[MC_ST_CPUS_NR_THROTTLED] = { "cpus_nr_throttled", MC_STAT_COUNT, true, "CFS periods in which the container was throttled" },
	[MC_ST_CPUS_THROTTLED] = { "cpus_throttled_time_secs", MC_STAT_SECONDS, true, "Time the container was throttled" },
	[MC_ST_MEM_TOTAL] = { "mem_total_bytes", MC_STAT_BYTES, false, "Memory in use" },
	[MC_ST_MEM_TOTAL_MEMSW] = { "mem_total_memsw_bytes", MC_STAT_BYTES, false, "Memory and swap in use" },
	[MC_ST_MEM_LIMIT] = { "mem_limit_bytes", MC_STAT_BYTES, false, "Hard memory limit" },
	[MC_ST_MEM_SOFT_LIMIT] = { "mem_soft_limit_bytes", MC_STAT_BYTES, false, "Soft memory limit" },
	[MC_ST_MEM_RSS] = { "mem_rss_bytes", MC_STAT_BYTES, false, "Anonymous memory (rss)" },
	[MC_ST_MEM_ANON] = { "mem_anon_bytes", MC_STAT_BYTES, false, "Anonymous memory" },
	[MC_ST_MEM_CACHE] = { "mem_cache_bytes", MC_STAT_BYTES, false, "Page cache" },
	[MC_ST_MEM_FILE] = { "mem_file_bytes", MC_STAT_BYTES, false, "File-backed memory" },
	[MC_ST_MEM_MAPPED_FILE] = { "mem_mapped_file_bytes", MC_STAT_BYTES, false, "Mapped file memory" },
	[MC_ST_MEM_SWAP] = { "mem_swap_bytes", MC_STAT_BYTES, false, "Swap in use" },
	[MC_ST_MEM_UNEVICTABLE] = { "mem_unevictable_bytes", MC_STAT_BYTES, false, "Unevictable memory" },
	[MC_ST_MEM_KMEM] = { "mem_kmem_usage_bytes", MC_STAT_BYTES, false, "Kernel memory in use" },
	[MC_ST_MEM_MAX] = { "mem_max_bytes", MC_STAT_BYTES, false, "Peak memory use" },
	[MC_ST_MEM_OOM_EVENTS] = { "mem_oom_events", MC_STAT_COUNT, true, "Processes killed by the OOM killer" },
	[MC_ST_PIDS_CURRENT] = { "pids_current", MC_STAT_COUNT, false, "Tasks in the container" },
	[MC_ST_PIDS_LIMIT] = { "pids_limit", MC_STAT_COUNT, false, "Most tasks allowed" },
	[MC_ST_CPU_PRESSURE_SOME] = { "cpu_pressure_some_avg10", MC_STAT_PERCENT, false, "Percent of time some tasks waited for cpu (10 s average)" },
	[MC_ST_CPU_PRESSURE_FULL] = { "cpu_pressure_full_avg10", MC_STAT_PERCENT, false, "Percent of time all tasks waited for cpu (10 s average)" },
	[MC_ST_MEM_PRESSURE_SOME] = { "mem_pressure_some_avg10", MC_STAT_PERCENT, false, "Percent of time some tasks waited for memory (10 s average)" },
	[MC_ST_MEM_PRESSURE_FULL] = { "mem_pressure_full_avg10", MC_STAT_PERCENT, false, "Percent of time all tasks waited for memory (10 s average)" },
	[MC_ST_IO_PRESSURE_SOME] = { "io_pressure_some_avg10", MC_STAT_PERCENT, false, "Percent of time some tasks waited for io (10 s average)" },
	[MC_ST_IO_PRESSURE_FULL] = { "io_pressure_full_avg10", MC_STAT_PERCENT, false, "Percent of time all tasks waited for io (10 s average)" },
};

void mc_stats_init(struct mc_stats *st, const char *id)
{
	memset(st, 0, sizeof(*st));
	snprintf(st->container_id, sizeof(st->container_id), "%s", id);
}

void mc_stats_set_u(struct mc_stats *st, enum mc_stat s, uint64_t v)
{
	st->u[s] = v;
	st->present |= UINT64_C(1) << s;
}

void mc_stats_set_d(struct mc_stats *st, enum mc_stat s, double v)
{
	st->d[s] = v;
	st->present |= UINT64_C(1) << s;
}

bool mc_stats_has(const struct mc_stats *st, enum mc_stat s)
{
	return st->present & (UINT64_C(1) << s);
}

int mc_stats_parse_format(const char *s, enum mc_stats_format *out)
{
	if (strcmp(s, "json") == 0)
		*out = MC_FMT_JSON;
	else if (strcmp(s, "kv") == 0)
		*out = MC_FMT_KV;
	else if (strcmp(s, "prom") == 0)
		*out = MC_FMT_PROM;
	else if (strcmp(s, "table") == 0)
		*out = MC_FMT_TABLE;
	else
		return -1;
	return 0;
}

void mc_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void print_value(FILE *out, const struct mc_stats *st, enum mc_stat s)
{
	if (stat_info[s].kind == MC_STAT_PERCENT)
		fprintf(out, "%.2f", st->d[s]);
	else if (stat_info[s].kind == MC_STAT_SECONDS || stat_info[s].kind == MC_STAT_CPUS)
		fprintf(out, "%.6f", st->d[s]);
	else
		fprintf(out, "%" PRIu64, st->u[s]);
}

static void print_json(FILE *out, const struct mc_stats *st)
{
	fputs("{\"container_id\":", out);
	mc_json_string(out, st->container_id);
	fprintf(out, ",\"timestamp\":%.6f", st->timestamp);
	for (int s = 0; s < MC_ST_COUNT; s++) {
		if (!mc_stats_has(st, s))
			continue;
		fprintf(out, ",\"%s\":", stat_info[s].name);
		print_value(out, st, s);
	}
	if (st->reason[0]) {
		fputs(",\"reason\":", out);
		mc_json_string(out, st->reason);
	}
	fputs("}\n", out);
}

static void print_kv(FILE *out, const struct mc_stats *st)
{
	fprintf(out, "container_id=%s\ntimestamp=%.6f\n", st->container_id, st->timestamp);
	for (int s = 0; s < MC_ST_COUNT; s++) {
		if (!mc_stats_has(st, s))
			continue;
		fprintf(out, "%s=", stat_info[s].name);
		print_value(out, st, s);
		fputc('\n', out);
	}
	if (st->reason[0])
		fprintf(out, "reason=%s\n", st->reason);
}

/* Prometheus names: mc_ prefix, base units, counters end in _total or
 * _seconds_total. */
static void prom_name(char *buf, size_t size, enum mc_stat s)
{
	const char *n = stat_info[s].name;
	size_t len = strlen(n);

	if (stat_info[s].counter && stat_info[s].kind == MC_STAT_SECONDS &&
	    len > 10 && strcmp(n + len - 10, "_time_secs") == 0)
		snprintf(buf, size, "mc_%.*s_seconds_total", (int)(len - 10), n);
	else if (stat_info[s].counter)
		snprintf(buf, size, "mc_%s_total", n);
	else
		snprintf(buf, size, "mc_%s", n);
}

static void prom_label(FILE *out, const char *id)
{
	/* IDs are [A-Za-z0-9_.-]: nothing to escape in a label value. */
	fprintf(out, "{container_id=\"%s\"}", id);
}

static void print_prom(FILE *out, const struct mc_stats *st, int n)
{
	char name[96];

	fputs("# HELP mc_timestamp_seconds Time the statistics were read\n"
	      "# TYPE mc_timestamp_seconds gauge\n", out);
	for (int i = 0; i < n; i++) {
		fputs("mc_timestamp_seconds", out);
		prom_label(out, st[i].container_id);
		fprintf(out, " %.6f\n", st[i].timestamp);
	}
	for (int s = 0; s < MC_ST_COUNT; s++) {
		bool any = false;

		for (int i = 0; i < n; i++)
			any |= mc_stats_has(&st[i], s);
		if (!any)
			continue;
		prom_name(name, sizeof(name), s);
		fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", name, stat_info[s].help,
			name, stat_info[s].counter ? "counter" : "gauge");
		for (int i = 0; i < n; i++) {
			if (!mc_stats_has(&st[i], s))
				continue;
			fputs(name, out);
			prom_label(out, st[i].container_id);
			fputc(' ', out);
			print_value(out, &st[i], s);
			fputc('\n', out);
		}
	}
}

/* A cell of the table: sizes in KiB/MiB/GiB, "-" for a missing figure. */
static void cell(char *buf, size_t size, const struct mc_stats *st, enum mc_stat s)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	double d;
	int u = 0;

	if (!mc_stats_has(st, s)) {
		snprintf(buf, size, "-");
		return;
	}
	switch (stat_info[s].kind) {
	case MC_STAT_BYTES:
		for (d = (double)st->u[s]; d >= 1024 && u < 4; u++)
			d /= 1024;
		snprintf(buf, size, u ? "%.1f%s" : "%.0f%s", d, units[u]);
		return;
	case MC_STAT_SECONDS:
		snprintf(buf, size, "%.2fs", st->d[s]);
		return;
	case MC_STAT_CPUS:
	case MC_STAT_PERCENT:
		snprintf(buf, size, "%.2f", st->d[s]);
		return;
	case MC_STAT_COUNT:
	default:
		snprintf(buf, size, "%" PRIu64, st->u[s]);
		return;
	}
}

static void print_table(FILE *out, const struct mc_stats *st, int n)
{
	static const struct { const char *head; enum mc_stat s; } cols[] = {
		{ "PROCS", MC_ST_PROCESSES }, { "USER", MC_ST_CPUS_USER },
		{ "SYSTEM", MC_ST_CPUS_SYSTEM }, { "CPUS", MC_ST_CPUS_LIMIT },
		{ "THROTTLED", MC_ST_CPUS_NR_THROTTLED }, { "MEM", MC_ST_MEM_TOTAL },
		{ "LIMIT", MC_ST_MEM_LIMIT }, { "PEAK", MC_ST_MEM_MAX },
		{ "OOM", MC_ST_MEM_OOM_EVENTS }, { "PIDS", MC_ST_PIDS_CURRENT },
		{ "MAXPIDS", MC_ST_PIDS_LIMIT },
	};
	enum { NCOLS = sizeof(cols) / sizeof(cols[0]) };
	int width[NCOLS + 1], idw = 2;
	char buf[64];

	for (int i = 0; i < n; i++)
		if ((int)strlen(st[i].container_id) > idw)
			idw = (int)strlen(st[i].container_id);
	for (int c = 0; c < NCOLS; c++) {
		width[c] = (int)strlen(cols[c].head);
		for (int i = 0; i < n; i++) {
			cell(buf, sizeof(buf), &st[i], cols[c].s);
			if ((int)strlen(buf) > width[c])
				width[c] = (int)strlen(buf);
		}
	}
	fprintf(out, "%-*s", idw, "ID");
	for (int c = 0; c < NCOLS; c++)
		fprintf(out, "  %*s", width[c], cols[c].head);
	fputc('\n', out);
	for (int i = 0; i < n; i++) {
		fprintf(out, "%-*s", idw, st[i].container_id);
		for (int c = 0; c < NCOLS; c++) {
			cell(buf, sizeof(buf), &st[i], cols[c].s);
			fprintf(out, "  %*s", width[c], buf);
		}
		fputc('\n', out);
	}
}

void mc_stats_print(FILE *out, enum mc_stats_format format,
		    const struct mc_stats *st, int n)
{
	switch (format) {
	case MC_FMT_TABLE:
		print_table(out, st, n);
		return;
	case MC_FMT_PROM:
		print_prom(out, st, n);
		return;
	case MC_FMT_KV:
		for (int i = 0; i < n; i++) {
			if (i)
				fputc('\n', out);
			print_kv(out, &st[i]);
		}
		return;
	case MC_FMT_JSON:
	default:
		for (int i = 0; i < n; i++)
			print_json(out, &st[i]);
		return;
	}
}
