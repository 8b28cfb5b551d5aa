/* mc_exec_caps_parse: --caps LIST (libcap names). */
#include "exec-caps.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	uint64_t keep;
	mc_error_t err = NULL;

	if (mc_exec_caps_parse(s, &keep, &err) == 0) {
		FUZZ_CHECK(err == NULL);
	} else {
		FUZZ_CHECK(err && err->status == MC_EXIT_USAGE && err->msg);
		mc_error_free(&err);
	}
	free(s);
	return 0;
}
