/* A container's resource statistics, named as Mesos' ResourceStatistics,
 * and their output formats (JSON Lines, key=value, Prometheus text).
 * A figure the kernel did not give is absent, never a made-up zero. */
#ifndef MC_STATS_H
#define MC_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum mc_stat {
	MC_ST_PROCESSES,
	MC_ST_THREADS,
	MC_ST_CPUS_USER,
	MC_ST_CPUS_SYSTEM,
	MC_ST_CPUS_LIMIT,
	MC_ST_CPUS_SOFT_LIMIT,
	MC_ST_CPUS_NR_PERIODS,
	MC_ST_CPUS_NR_THROTTLED,
	MC_ST_CPUS_THROTTLED,
	MC_ST_MEM_TOTAL,
	MC_ST_MEM_TOTAL_MEMSW,
	MC_ST_MEM_LIMIT,
	MC_ST_MEM_SOFT_LIMIT,
	MC_ST_MEM_RSS,
	MC_ST_MEM_ANON,
	MC_ST_MEM_CACHE,
	MC_ST_MEM_FILE,
	MC_ST_MEM_MAPPED_FILE,
	MC_ST_MEM_SWAP,
	MC_ST_MEM_UNEVICTABLE,
	MC_ST_MEM_KMEM,
	MC_ST_MEM_MAX,
	MC_ST_MEM_OOM_EVENTS,
	MC_ST_PIDS_CURRENT,
	MC_ST_PIDS_LIMIT,
	MC_ST_CPU_PRESSURE_SOME,
	MC_ST_CPU_PRESSURE_FULL,
	MC_ST_MEM_PRESSURE_SOME,
	MC_ST_MEM_PRESSURE_FULL,
	MC_ST_IO_PRESSURE_SOME,
	MC_ST_IO_PRESSURE_FULL,
	MC_ST_COUNT
};

enum mc_stat_kind {
	MC_STAT_COUNT, MC_STAT_BYTES, MC_STAT_SECONDS, MC_STAT_CPUS,
	MC_STAT_PERCENT,	/* PSI: share of time stalled, avg over 10 s */
};

struct mc_stats {
	char container_id[65];
	double timestamp;
	uint64_t present;	/* bit per enum mc_stat */
	uint64_t u[MC_ST_COUNT];	/* counts and bytes */
	double d[MC_ST_COUNT];		/* seconds and cpus */
	char reason[256];	/* termination reason, "" when none */
};

void mc_stats_init(struct mc_stats *st, const char *id);
void mc_stats_set_u(struct mc_stats *st, enum mc_stat s, uint64_t v);
void mc_stats_set_d(struct mc_stats *st, enum mc_stat s, double v);
bool mc_stats_has(const struct mc_stats *st, enum mc_stat s);

enum mc_stats_format { MC_FMT_JSON, MC_FMT_KV, MC_FMT_PROM, MC_FMT_TABLE };

int mc_stats_parse_format(const char *s, enum mc_stats_format *out);

/* Print N containers' statistics in FORMAT.  Prometheus groups by metric
 * (one HELP/TYPE per metric), so it takes all containers at once. */
void mc_stats_print(FILE *out, enum mc_stats_format format,
		    const struct mc_stats *st, int n);

/* Write S as a JSON string (quotes included). */
void mc_json_string(FILE *out, const char *s);

#endif
