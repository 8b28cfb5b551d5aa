/* mc_parse_max: v2 files holding "max" or a number (memory.max,
 * pids.max, memory.swap.max...). */
#include "fuzz.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	uint64_t v;
	bool unlimited;

	if (mc_parse_max(s, &v, &unlimited) == 0 && unlimited)
		FUZZ_CHECK(v == UINT64_MAX);
	free(s);
	return 0;
}
