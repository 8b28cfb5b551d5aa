/* mc_exec_seccomp_parse: a --seccomp profile file.  It takes a length
 * and any bytes at all, so the input is passed as is (an exact-size copy,
 * no NUL after it); the name for messages is fixed. */
#include "exec-seccomp.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size ? size : 1);
	struct mc_seccomp_profile *p = NULL;
	mc_error_t err = NULL;

	if (!text)
		abort();
	if (size)
		memcpy(text, data, size);
	if (mc_exec_seccomp_parse(text, size, "profile", &p, &err) == 0) {
		FUZZ_CHECK(err == NULL && p);
		FUZZ_CHECK(p->def == MC_SECCOMP_ALLOW || p->def == MC_SECCOMP_ERRNO ||
			   p->def == MC_SECCOMP_KILL);
		for (size_t i = 0; i < p->n; i++) {
			FUZZ_CHECK(p->rules[i].line >= 1);
			if (p->rules[i].action == MC_SECCOMP_ERRNO)
				FUZZ_CHECK(p->rules[i].errnum >= 1 &&
					   p->rules[i].errnum <= 4095);
		}
		if (p->def == MC_SECCOMP_ERRNO)
			FUZZ_CHECK(p->def_errnum >= 1 && p->def_errnum <= 4095);
		mc_exec_seccomp_free(p);
	} else {
		FUZZ_CHECK(p == NULL);
		FUZZ_CHECK(err && err->status == MC_EXIT_USAGE && err->msg);
		FUZZ_CHECK(strncmp(err->msg, "profile", 7) == 0);
		mc_error_free(&err);
	}
	free(text);
	return 0;
}
