/* mc_state_exit_summary: the "exit" state file as mc-launch, mc-list and
 * mc-usage show it.  The first input byte picks the size of the caller's
 * buffer, so short buffers are tried too. */
#include "fuzz.h"
#include "state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t bufsize;
	char *s, *buf;

	if (size < 1)
		return 0;
	bufsize = 1 + data[0];
	s = fuzz_cstr(data + 1, size - 1);
	buf = malloc(bufsize);
	if (!buf)
		abort();
	mc_state_exit_summary(s, buf, bufsize);
	FUZZ_CHECK(strlen(buf) < bufsize);
	for (const char *p = buf; *p; p++)
		FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);
	free(buf);
	free(s);
	return 0;
}
