/* mc_exec_ns_parse: --namespaces LIST. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>

#include "exec-ns.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	const int known = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS |
			  CLONE_NEWIPC | CLONE_NEWNET;
	int flags;
	mc_error_t err = NULL;

	if (mc_exec_ns_parse(s, &flags, &err) == 0) {
		FUZZ_CHECK(err == NULL);
		FUZZ_CHECK(flags && (flags & ~known) == 0);
	} else {
		FUZZ_CHECK(err && err->status == MC_EXIT_USAGE && err->msg);
		mc_error_free(&err);
	}
	free(s);
	return 0;
}
