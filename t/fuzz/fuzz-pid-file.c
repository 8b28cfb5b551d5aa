/* mc_proc_id_parse: the "pid" state file, "PID STARTTIME BOOTID".  A pid
 * read from it is signalled (after more checks): it must never be 0, 1
 * or negative, which kill(2) takes for groups and everyone. */
#include "fuzz.h"
#include "procfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct mc_proc_id id;

	if (mc_proc_id_parse(s, &id) == 0) {
		FUZZ_CHECK(id.pid >= 2 && id.pid <= 4194304);
		FUZZ_CHECK(strlen(id.boot_id) == MC_BOOT_ID_LEN);
	}
	free(s);
	return 0;
}
