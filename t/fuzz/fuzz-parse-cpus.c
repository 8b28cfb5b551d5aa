/* mc_parse_cpus (--cpus, --cpu-limit) and the conversions its result goes
 * through on the way to the kernel; mc_parse_seconds (--timeout, --watch). */
#include <math.h>

#include "fuzz.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	double v;

	if (mc_parse_cpus(s, &v) == 0) {
		uint64_t shares = mc_cpu_shares(v);
		uint64_t weight = mc_shares_to_weight(shares);
		uint64_t quota = mc_cfs_quota(v);

		FUZZ_CHECK(v > 0 && isfinite(v));
		FUZZ_CHECK(shares >= 2 && shares <= 262144);
		FUZZ_CHECK(weight >= 1 && weight <= 10000);
		FUZZ_CHECK(quota >= 1000 && quota <= UINT64_C(1000000000000000));
	}
	if (mc_parse_seconds(s, &v) == 0)
		FUZZ_CHECK(v >= 0 && isfinite(v));
	free(s);
	return 0;
}
