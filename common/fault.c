#include "fault.h"

#ifdef MC_FAULT_INJECTION
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Does the variable's value "NAME[:ARG]" name the point NAME?  *ARG
 * points at ARG ("" when there is none). */
static bool names_point(const char *value, const char *name, const char **arg)
{
	size_t len = strlen(name);

	if (!value || strncmp(value, name, len) != 0 ||
	    (value[len] != '\0' && value[len] != ':'))
		return false;
	*arg = value[len] == ':' ? value + len + 1 : "";
	return true;
}

void mc_crash_point(const char *name)
{
	static int hits;
	const char *arg;

	if (names_point(getenv("MC_PAUSE_AT"), name, &arg)) {
		double secs = *arg ? atof(arg) : 1.0;
		struct timespec ts = { (time_t)secs, (long)((secs - (double)(time_t)secs) * 1e9) };

		while (nanosleep(&ts, &ts) < 0)
			;
	}
	if (names_point(getenv("MC_CRASH_AT"), name, &arg) &&
	    ++hits == (*arg ? atoi(arg) : 1))
		raise(SIGKILL);
}
#endif
