/* mc_execopts_set and mc_execopts_validate: mc-launch's options in any
 * number and order.  Each input line is one option: its first byte picks
 * which, the rest is the value.  --user (the passwd database) and
 * --seccomp FILE (a file) are left out: their parsers have targets or
 * tests of their own. */
#include "execopts.h"
#include "fuzz.h"

static const int ids[] = {
	MC_OPT_WORKDIR, MC_OPT_ENV, MC_OPT_CLEAR_ENV, MC_OPT_STDOUT,
	MC_OPT_STDERR, MC_OPT_RLIMIT, MC_OPT_NAMESPACES, MC_OPT_HOSTNAME,
	MC_OPT_CAPS, MC_OPT_NO_NEW_PRIVS, MC_OPT_SHELL,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), *line = s;
	struct mc_execopts *opts = mc_execopts_new();
	mc_error_t err = NULL;

	while (line && *line) {
		char *nl = strchr(line, '\n');
		int id = ids[(unsigned char)line[0] % (sizeof(ids) / sizeof(ids[0]))];

		if (nl)
			*nl = '\0';
		if (mc_execopts_set(opts, id, line + 1, &err) < 0) {
			FUZZ_CHECK(err && err->status == MC_EXIT_USAGE && err->msg);
			mc_error_free(&err);
		}
		FUZZ_CHECK(err == NULL);
		line = nl ? nl + 1 : NULL;
	}
	if (mc_execopts_validate(opts, &err) < 0)
		mc_error_free(&err);
	mc_execopts_free(opts);
	free(s);
	return 0;
}
