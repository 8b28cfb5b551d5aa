/* mc_cgroup_parse_mountinfo: /proc/self/mountinfo, whose mount points
 * and roots other users can choose (a FUSE or bind mount of theirs). */
#include "cgroup-mode.h"
#include "fuzz.h"

static const char *const controllers[] = {
	"cpu", "cpuacct", "memory", "pids", "freezer", "cpuset", "",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	static struct mc_cgroup_host host;

	if (mc_cgroup_parse_mountinfo(s, &host) == 0) {
		FUZZ_CHECK(host.nhier >= 0 && host.nhier <= MC_MAX_HIERARCHIES);
		for (int i = 0; i < host.nhier; i++) {
			FUZZ_CHECK(host.hier[i].controllers[0]);
			FUZZ_CHECK(strlen(host.hier[i].mount) < sizeof(host.hier[i].mount));
			FUZZ_CHECK(strlen(host.hier[i].root) < sizeof(host.hier[i].root));
		}
		FUZZ_CHECK(strlen(host.unified) < sizeof(host.unified));
		for (size_t i = 0; i < sizeof(controllers) / sizeof(controllers[0]); i++)
			(void)mc_cgroup_hierarchy(&host, controllers[i]);
		(void)mc_cgroup_mode_name(host.mode);
	}
	free(s);
	return 0;
}
