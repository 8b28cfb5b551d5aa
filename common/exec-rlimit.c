/* --rlimit NAME=SOFT[:HARD]. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec-rlimit.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	int resource;
} rlimit_names[] = {
	{ "as", RLIMIT_AS },
	{ "core", RLIMIT_CORE },
	{ "cpu", RLIMIT_CPU },
	{ "data", RLIMIT_DATA },
	{ "fsize", RLIMIT_FSIZE },
	{ "locks", RLIMIT_LOCKS },
	{ "memlock", RLIMIT_MEMLOCK },
	{ "msgqueue", RLIMIT_MSGQUEUE },
	{ "nice", RLIMIT_NICE },
	{ "nofile", RLIMIT_NOFILE },
	{ "nproc", RLIMIT_NPROC },
	{ "rss", RLIMIT_RSS },
	{ "rtprio", RLIMIT_RTPRIO },
	{ "sigpending", RLIMIT_SIGPENDING },
	{ "stack", RLIMIT_STACK },
};

#define N_RLIMIT_NAMES (sizeof(rlimit_names) / sizeof(rlimit_names[0]))

const char *mc_exec_rlimit_name(int resource)
{
	size_t i;

	for (i = 0; i < N_RLIMIT_NAMES; i++)
		if (rlimit_names[i].resource == resource)
			return rlimit_names[i].name;
	return NULL;
}

/* One value: decimal digits or "unlimited", the whole of [s, s+len). */
static int parse_value(const char *s, size_t len, rlim_t *out)
{
	unsigned long long v = 0;
	size_t i;

	if (len == strlen("unlimited") && strncmp(s, "unlimited", len) == 0) {
		*out = RLIM_INFINITY;
		return 0;
	}
	if (len == 0)
		return -1;
	for (i = 0; i < len; i++) {
		unsigned d;

		if (!isdigit((unsigned char)s[i]))
			return -1;
		d = (unsigned)(s[i] - '0');
		if (v > (~0ULL - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	/* RLIM_INFINITY is all ones: a number that large means
	 * "unlimited" only when spelt so. */
	if ((rlim_t)v != v || (rlim_t)v == RLIM_INFINITY)
		return -1;
	*out = (rlim_t)v;
	return 0;
}

int mc_exec_rlimit_parse(const char *spec, struct mc_exec_rlimit *out,
			 mc_error_t *err)
{
	const char *eq = strchr(spec, '=');
	const char *val, *colon;
	size_t i, nlen;

	if (!eq)
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "expected NAME=SOFT[:HARD], got '%.80s'", spec);
	nlen = (size_t)(eq - spec);
	for (i = 0; i < N_RLIMIT_NAMES; i++)
		if (strlen(rlimit_names[i].name) == nlen &&
		    strncasecmp(rlimit_names[i].name, spec, nlen) == 0)
			break;
	if (i == N_RLIMIT_NAMES)
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "unknown resource '%.*s'", MC_QUOTED(nlen), spec);
	out->resource = rlimit_names[i].resource;
	val = eq + 1;
	colon = strchr(val, ':');
	if (parse_value(val, colon ? (size_t)(colon - val) : strlen(val),
			&out->lim.rlim_cur) < 0)
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "%s: bad soft limit '%.*s' (a number or 'unlimited')",
			       rlimit_names[i].name,
			       MC_QUOTED(colon ? (size_t)(colon - val) : strlen(val)), val);
	if (!colon)
		out->lim.rlim_max = out->lim.rlim_cur;
	else if (parse_value(colon + 1, strlen(colon + 1), &out->lim.rlim_max) < 0)
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "%s: bad hard limit '%.80s' (a number or 'unlimited')",
			       rlimit_names[i].name, colon + 1);
	/* RLIM_INFINITY is the largest rlim_t, so this covers "unlimited". */
	if (out->lim.rlim_cur > out->lim.rlim_max)
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "%s: soft limit above the hard limit",
			       rlimit_names[i].name);
	return 0;
}

int mc_exec_rlimit_apply(const struct mc_exec_rlimit *limits, size_t n,
			 mc_error_t *err)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (setrlimit(limits[i].resource, &limits[i].lim) < 0)
			return mc_fail(err, MC_EXIT_FAIL, errno, "setting %s",
				       mc_exec_rlimit_name(limits[i].resource));
	return 0;
}
