/* A container's resource limits: parsed from the options of mc-prepare
 * (and mc-update), kept in the state file "limits", written by the cgroup
 * backends. */
#ifndef MC_RESLIMITS_H
#define MC_RESLIMITS_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"

enum mc_limit_bit {
	MC_LIM_CPUS = 1 << 0,
	MC_LIM_CPU_LIMIT = 1 << 1,
	MC_LIM_MEM = 1 << 2,
	MC_LIM_MEM_SOFT = 1 << 3,
	MC_LIM_SWAP = 1 << 4,
	MC_LIM_PIDS = 1 << 5,
	MC_LIM_CPUSET = 1 << 6,
};

struct mc_limits {
	unsigned set;		/* enum mc_limit_bit */
	double cpus;		/* --cpus: the share */
	double cpu_limit;	/* --cpu-limit: the hard cap */
	uint64_t mem, mem_soft, swap, pids;
	char cpuset[256];
};

/* Option identifiers for getopt_long (mc-prepare, mc-update). */
enum mc_limit_opt {
	MC_OPT_CPUS = 0x2000,
	MC_OPT_CPU_LIMIT,
	MC_OPT_MEM,
	MC_OPT_MEM_SOFT,
	MC_OPT_SWAP,
	MC_OPT_PIDS,
	MC_OPT_CPUSET,
};

#define MC_LIMIT_LONGOPTS \
	{ "cpus", required_argument, NULL, MC_OPT_CPUS }, \
	{ "cpu-limit", required_argument, NULL, MC_OPT_CPU_LIMIT }, \
	{ "mem", required_argument, NULL, MC_OPT_MEM }, \
	{ "mem-soft", required_argument, NULL, MC_OPT_MEM_SOFT }, \
	{ "swap", required_argument, NULL, MC_OPT_SWAP }, \
	{ "pids", required_argument, NULL, MC_OPT_PIDS }, \
	{ "cpuset", required_argument, NULL, MC_OPT_CPUSET }

extern const char mc_limits_usage[];

/* True when OPT is one of enum mc_limit_opt. */
bool mc_limits_is_option(int opt);

/* Parse one limit option; a bad value is MC_EXIT_USAGE naming it. */
int mc_limits_set(struct mc_limits *lim, int opt, const char *arg, mc_error_t *err);

/* Checks across options (--swap needs --mem, soft <= hard). */
int mc_limits_validate(const struct mc_limits *lim, mc_error_t *err);

/* The "limits" state file: key=value lines. */
char *mc_limits_format(const struct mc_limits *lim);
int mc_limits_parse(const char *text, struct mc_limits *lim);

/* Merge: every limit set in UPDATE replaces the one in BASE. */
void mc_limits_merge(struct mc_limits *base, const struct mc_limits *update);

#endif
