/* mc_parse_pressure: the PSI files of v2 (cpu.pressure, memory.pressure,
 * io.pressure).  The "some" and "full" figures are looked up in the whole
 * input, and the input's first line is tried as a kind of its own. */
#include <math.h>

#include "fuzz.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	char *nl = strchr(s, '\n');
	double v;

	if (mc_parse_pressure(s, "some", &v) == 0)
		FUZZ_CHECK(v >= 0 && isfinite(v));
	if (mc_parse_pressure(s, "full", &v) == 0)
		FUZZ_CHECK(v >= 0 && isfinite(v));
	if (nl) {
		*nl = '\0';
		if (mc_parse_pressure(nl + 1, s, &v) == 0)
			FUZZ_CHECK(v >= 0 && isfinite(v));
	}
	free(s);
	return 0;
}
