#include "reslimits.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "xalloc.h"

const char mc_limits_usage[] =
	"Limits:\n"
	"  --cpus N            cpu share (v1 cpu.shares = 1024*N, v2 cpu.weight)\n"
	"  --cpu-limit N       hard cap of N cpus (CFS quota over a 100 ms period)\n"
	"  --mem SIZE          hard memory limit (K, M, G suffixes: powers of 1024)\n"
	"  --mem-soft SIZE     soft memory limit (v1 soft_limit, v2 memory.low)\n"
	"  --swap SIZE         swap allowed on top of --mem\n"
	"  --pids N            most processes and threads at once\n"
	"  --cpuset LIST       cpus the container may run on, e.g. 0-1,3\n";

bool mc_limits_is_option(int opt)
{
	return opt >= MC_OPT_CPUS && opt <= MC_OPT_CPUSET;
}

static int bad(mc_error_t *err, const char *opt, const char *arg, const char *want)
{
	return mc_fail(err, MC_EXIT_USAGE, 0, "--%s: invalid value '%.80s': %s",
		       opt, arg, want);
}

int mc_limits_set(struct mc_limits *lim, int opt, const char *arg, mc_error_t *err)
{
	const uint64_t max_bytes = UINT64_C(1) << 62;
	uint64_t u;
	double d;

	/* Parse into locals: a refused value leaves *lim as it was.  Cpus
	 * below 0.000001 are refused: the limits file keeps six decimals, and
	 * a value that would read back as 0 there could never be read again. */
	switch (opt) {
	case MC_OPT_CPUS:
		if (mc_parse_cpus(arg, &d) < 0 || d < 1e-6 || d > 1e6)
			return bad(err, "cpus", arg, "expected a number of cpus from 0.000001 to 1000000");
		lim->cpus = d;
		lim->set |= MC_LIM_CPUS;
		return 0;
	case MC_OPT_CPU_LIMIT:
		if (mc_parse_cpus(arg, &d) < 0 || d < 1e-6 || d > 1e6)
			return bad(err, "cpu-limit", arg, "expected a number of cpus from 0.000001 to 1000000");
		lim->cpu_limit = d;
		lim->set |= MC_LIM_CPU_LIMIT;
		return 0;
	case MC_OPT_MEM:
		if (mc_parse_size(arg, &u) < 0 || u == 0 || u > max_bytes)
			return bad(err, "mem", arg, "expected a positive size such as 512M");
		lim->mem = u;
		lim->set |= MC_LIM_MEM;
		return 0;
	case MC_OPT_MEM_SOFT:
		if (mc_parse_size(arg, &u) < 0 || u > max_bytes)
			return bad(err, "mem-soft", arg, "expected a size such as 256M");
		lim->mem_soft = u;
		lim->set |= MC_LIM_MEM_SOFT;
		return 0;
	case MC_OPT_SWAP:
		if (mc_parse_size(arg, &u) < 0 || u > max_bytes)
			return bad(err, "swap", arg, "expected a size such as 1G");
		lim->swap = u;
		lim->set |= MC_LIM_SWAP;
		return 0;
	case MC_OPT_PIDS:
		if (mc_parse_u64(arg, &u) < 0 || u == 0 || u > 4194304)
			return bad(err, "pids", arg, "expected a number from 1 to 4194304");
		lim->pids = u;
		lim->set |= MC_LIM_PIDS;
		return 0;
	case MC_OPT_CPUSET:
		if (!mc_valid_cpu_list(arg) || strlen(arg) >= sizeof(lim->cpuset))
			return bad(err, "cpuset", arg, "expected a cpu list such as 0-1,3");
		snprintf(lim->cpuset, sizeof(lim->cpuset), "%s", arg);
		lim->set |= MC_LIM_CPUSET;
		return 0;
	default:
		return mc_fail(err, MC_EXIT_USAGE, 0, "unknown limit option");
	}
}

int mc_limits_validate(const struct mc_limits *lim, mc_error_t *err)
{
	if ((lim->set & MC_LIM_SWAP) && !(lim->set & MC_LIM_MEM))
		return mc_fail(err, MC_EXIT_USAGE, 0, "--swap needs --mem");
	if ((lim->set & MC_LIM_MEM_SOFT) && (lim->set & MC_LIM_MEM) &&
	    lim->mem_soft > lim->mem)
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "--mem-soft must not be above --mem");
	return 0;
}

char *mc_limits_format(const struct mc_limits *lim)
{
	char buf[1024] = "";	/* no limit at all is an empty file */
	size_t n = 0;

#define ADD(...) n += (size_t)snprintf(buf + n, sizeof(buf) - n, __VA_ARGS__)
	if (lim->set & MC_LIM_CPUS)
		ADD("cpus=%.6f\n", lim->cpus);
	if (lim->set & MC_LIM_CPU_LIMIT)
		ADD("cpu_limit=%.6f\n", lim->cpu_limit);
	if (lim->set & MC_LIM_MEM)
		ADD("mem=%" PRIu64 "\n", lim->mem);
	if (lim->set & MC_LIM_MEM_SOFT)
		ADD("mem_soft=%" PRIu64 "\n", lim->mem_soft);
	if (lim->set & MC_LIM_SWAP)
		ADD("swap=%" PRIu64 "\n", lim->swap);
	if (lim->set & MC_LIM_PIDS)
		ADD("pids=%" PRIu64 "\n", lim->pids);
	if (lim->set & MC_LIM_CPUSET)
		ADD("cpuset=%s\n", lim->cpuset);
#undef ADD
	return xstrdup(buf);
}

int mc_limits_parse(const char *text, struct mc_limits *lim)
{
	static const struct { const char *key; int opt; } keys[] = {
		{ "cpus", MC_OPT_CPUS }, { "cpu_limit", MC_OPT_CPU_LIMIT },
		{ "mem", MC_OPT_MEM }, { "mem_soft", MC_OPT_MEM_SOFT },
		{ "swap", MC_OPT_SWAP }, { "pids", MC_OPT_PIDS },
		{ "cpuset", MC_OPT_CPUSET },
	};
	const char *line = text;

	memset(lim, 0, sizeof(*lim));
	while (*line) {
		const char *eol = strchr(line, '\n'), *eq = strchr(line, '=');
		char key[32], val[256];
		size_t klen, vlen, i;
		mc_error_t err = NULL;

		if (!eol || !eq || eq > eol)
			return -1;
		klen = (size_t)(eq - line);
		vlen = (size_t)(eol - eq - 1);
		if (klen >= sizeof(key) || vlen >= sizeof(val))
			return -1;
		memcpy(key, line, klen);
		key[klen] = '\0';
		memcpy(val, eq + 1, vlen);
		val[vlen] = '\0';
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (strcmp(key, keys[i].key) == 0)
				break;
		if (i == sizeof(keys) / sizeof(keys[0]))
			return -1;
		if (mc_limits_set(lim, keys[i].opt, val, &err) < 0) {
			mc_error_free(&err);
			return -1;
		}
		line = eol + 1;
	}
	return 0;
}

void mc_limits_merge(struct mc_limits *base, const struct mc_limits *update)
{
	if (update->set & MC_LIM_CPUS)
		base->cpus = update->cpus;
	if (update->set & MC_LIM_CPU_LIMIT)
		base->cpu_limit = update->cpu_limit;
	if (update->set & MC_LIM_MEM)
		base->mem = update->mem;
	if (update->set & MC_LIM_MEM_SOFT)
		base->mem_soft = update->mem_soft;
	if (update->set & MC_LIM_SWAP)
		base->swap = update->swap;
	if (update->set & MC_LIM_PIDS)
		base->pids = update->pids;
	if (update->set & MC_LIM_CPUSET)
		memcpy(base->cpuset, update->cpuset, sizeof(base->cpuset));
	base->set |= update->set;
}
