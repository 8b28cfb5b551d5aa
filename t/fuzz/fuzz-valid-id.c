/* mc_valid_id: container IDs and cgroup root names from the command
 * line, and the entries of the run directory. */
#include "fuzz.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);

	if (mc_valid_id(s)) {
		size_t len = strlen(s);

		/* Whatever passes is one safe path component of its own. */
		FUZZ_CHECK(len >= 1 && len <= MC_ID_MAX);
		FUZZ_CHECK(!strchr(s, '/'));
		FUZZ_CHECK(s[0] != '.' && s[0] != '-');
		FUZZ_CHECK(strcmp(s, "tasks") != 0);
		FUZZ_CHECK(strncmp(s, "cgroup.", 7) != 0);
		for (size_t i = 0; i < len; i++)
			FUZZ_CHECK((unsigned char)s[i] > ' ' &&
				   (unsigned char)s[i] < 0x7f);
	}
	free(s);
	return 0;
}
