/* mc_exec_env_check: --env K=V. */
#include "exec-env.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	mc_error_t err = NULL;

	if (mc_exec_env_check(s, &err) == 0) {
		FUZZ_CHECK(err == NULL);
		FUZZ_CHECK(s[0] != '=' && strchr(s, '='));
	} else {
		FUZZ_CHECK(err && err->status == MC_EXIT_USAGE && err->msg);
		mc_error_free(&err);
	}
	free(s);
	return 0;
}
