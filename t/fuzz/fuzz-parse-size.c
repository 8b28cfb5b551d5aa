/* mc_parse_size (--mem, --mem-soft, --swap) and mc_parse_u64. */
#include <inttypes.h>

#include "fuzz.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	uint64_t v, w;

	if (mc_parse_size(s, &v) == 0) {
		char buf[32];

		/* A plain decimal number means itself. */
		snprintf(buf, sizeof(buf), "%" PRIu64, v);
		FUZZ_CHECK(mc_parse_size(buf, &w) == 0 && w == v);
	}
	if (mc_parse_u64(s, &v) == 0) {
		char buf[32];

		FUZZ_CHECK(mc_parse_size(s, &w) == 0 && w == v);
		snprintf(buf, sizeof(buf), "%" PRIu64, v);
		FUZZ_CHECK(mc_parse_u64(buf, &w) == 0 && w == v);
	}
	free(s);
	return 0;
}
