/* mc_limits_parse: the "limits" state file.  What parses must survive a
 * round trip through mc_limits_format (mc-update rewrites the file from
 * what it read). */
#include <math.h>

#include "fuzz.h"
#include "reslimits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct mc_limits lim, again;

	if (mc_limits_parse(s, &lim) == 0) {
		char *text = mc_limits_format(&lim);

		FUZZ_CHECK(strlen(lim.cpuset) < sizeof(lim.cpuset));
		FUZZ_CHECK(mc_limits_parse(text, &again) == 0);
		FUZZ_CHECK(again.set == lim.set);
		FUZZ_CHECK(again.mem == lim.mem && again.mem_soft == lim.mem_soft);
		FUZZ_CHECK(again.swap == lim.swap && again.pids == lim.pids);
		FUZZ_CHECK(strcmp(again.cpuset, lim.cpuset) == 0);
		FUZZ_CHECK(fabs(again.cpus - lim.cpus) <= 1e-6 * (1 + lim.cpus));
		FUZZ_CHECK(fabs(again.cpu_limit - lim.cpu_limit) <=
			   1e-6 * (1 + lim.cpu_limit));
		free(text);
	}
	free(s);
	return 0;
}
