/* mc_valid_cpu_list: --cpuset LIST, written to cpuset.cpus. */
#include "fuzz.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);

	if (mc_valid_cpu_list(s))
		FUZZ_CHECK(s[0] && strspn(s, "0123456789,-") == strlen(s));
	free(s);
	return 0;
}
