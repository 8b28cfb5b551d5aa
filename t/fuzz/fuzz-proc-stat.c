/* mc_parse_proc_starttime: /proc/PID/stat, whose command name (field 2)
 * the process itself chooses. */
#include "fuzz.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	uint64_t v;

	(void)mc_parse_proc_starttime(s, &v);
	free(s);
	return 0;
}
