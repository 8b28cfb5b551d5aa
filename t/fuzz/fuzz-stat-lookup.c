/* mc_stat_lookup over cgroup stat files: cpu.stat, cpuacct.stat,
 * memory.stat, memory.events, cgroup.events, pids.events.  The input's
 * first line is a key of its own choosing, the rest the file; the keys
 * mc-usage reads are looked up in the whole input as well. */
#include "fuzz.h"
#include "parse.h"

static const char *const keys[] = {
	"usage_usec", "user_usec", "system_usec", "nr_periods",
	"nr_throttled", "throttled_usec", "throttled_time", "user", "system",
	"total_rss", "rss", "total_cache", "cache", "total_mapped_file",
	"mapped_file", "total_swap", "swap", "total_unevictable",
	"unevictable", "anon", "file", "file_mapped", "kernel", "oom",
	"oom_kill", "populated", "frozen", "max", "",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	char *nl = strchr(s, '\n');
	uint64_t v;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		(void)mc_stat_lookup(s, keys[i], &v);
	if (nl) {
		*nl = '\0';
		(void)mc_stat_lookup(nl + 1, s, &v);
	}
	free(s);
	return 0;
}
