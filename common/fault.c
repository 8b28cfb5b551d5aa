#include "fault.h"

#ifdef MC_FAULT_INJECTION
#include <signal.h>
#include <stdlib.h>
#include <string.h>

void mc_crash_point(const char *name)
{
	static int hits;
	const char *at = getenv("MC_CRASH_AT");
	size_t len = strlen(name);
	int want = 1;

	if (!at || strncmp(at, name, len) != 0 || (at[len] != '\0' && at[len] != ':'))
		return;
	if (at[len] == ':')
		want = atoi(at + len + 1);
	if (++hits == want)
		raise(SIGKILL);
}
#endif
