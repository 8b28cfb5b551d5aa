/* mc_exec_rlimit_parse: --rlimit NAME=SOFT[:HARD]. */
#include "exec-rlimit.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct mc_exec_rlimit lim;
	mc_error_t err = NULL;

	if (mc_exec_rlimit_parse(s, &lim, &err) == 0) {
		FUZZ_CHECK(err == NULL);
		FUZZ_CHECK(lim.lim.rlim_cur <= lim.lim.rlim_max);
		FUZZ_CHECK(mc_exec_rlimit_name(lim.resource) != NULL);
	} else {
		FUZZ_CHECK(err && err->status == MC_EXIT_USAGE && err->msg);
		mc_error_free(&err);
	}
	free(s);
	return 0;
}
