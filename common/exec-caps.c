/* --caps LIST, with libcap. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec-caps.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/capability.h>

#include "cleanup.h"
#include "xalloc.h"

int mc_exec_caps_parse(const char *list, uint64_t *keep, mc_error_t *err)
{
	const char *p = list;
	uint64_t out = 0;

	if (strcasecmp(list, "none") == 0) {
		*keep = 0;
		return 0;
	}
	for (;;) {
		size_t len = strcspn(p, ","), i;
		cleanup_free char *name = NULL;
		cap_value_t cap;

		if (len == 0)
			return mc_fail(err, MC_EXIT_USAGE, 0,
				       "empty capability name in '%.80s'", list);
		/* cap_from_name() wants "cap_xxx"; take "xxx" and any case. */
		name = xasprintf("%s%.*s",
				 strncasecmp(p, "cap_", 4) == 0 ? "" : "cap_",
				 (int)len, p);
		for (i = 0; name[i]; i++)
			name[i] = (char)tolower((unsigned char)name[i]);
		if (strcmp(name, "cap_none") == 0)
			return mc_fail(err, MC_EXIT_USAGE, 0,
				       "'none' cannot be combined with capabilities");
		if (cap_from_name(name, &cap) < 0 || cap < 0 || cap >= 64 ||
		    !isalpha((unsigned char)name[4]))
			return mc_fail(err, MC_EXIT_USAGE, 0,
				       "unknown capability '%.*s'", MC_QUOTED(len), p);
		out |= UINT64_C(1) << cap;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	*keep = out;
	return 0;
}

/* The highest capability number the running kernel knows, plus one. */
static cap_value_t cap_count(void)
{
	cap_value_t n = cap_max_bits();

	return n > 64 ? 64 : n;
}

static const char *cap_name(cap_value_t cap, char *buf, size_t size)
{
	char *s = cap_to_name(cap);

	snprintf(buf, size, "%s", s ? s : "?");
	cap_free(s);
	return buf;
}

int mc_exec_caps_check(uint64_t keep, mc_error_t *err)
{
	cap_value_t cap;
	char name[64];

	for (cap = 0; cap < 64; cap++) {
		if (!(keep & (UINT64_C(1) << cap)))
			continue;
		if (cap >= cap_count() || !CAP_IS_SUPPORTED(cap))
			return mc_fail(err, MC_EXIT_FAIL, 0,
				       "%s: not supported by this kernel",
				       cap_name(cap, name, sizeof(name)));
		if (cap_get_bound(cap) != 1)
			return mc_fail(err, MC_EXIT_FAIL, 0,
				       "%s: not in the current bounding set",
				       cap_name(cap, name, sizeof(name)));
	}
	return 0;
}

int mc_exec_caps_drop_bound(uint64_t keep, mc_error_t *err)
{
	cap_value_t cap, n = cap_count();
	char name[64];

	/* Safe: only ever removes capabilities, and the bounding set can
	 * never grow again in this process or anything it execs. */
	for (cap = 0; cap < n; cap++) {
		if (keep & (UINT64_C(1) << cap))
			continue;
		if (cap_get_bound(cap) == 1 && cap_drop_bound(cap) < 0)
			return mc_fail(err, MC_EXIT_FAIL, errno,
				       "dropping %s from the bounding set",
				       cap_name(cap, name, sizeof(name)));
	}
	return 0;
}

static void free_cap(cap_t *c)
{
	if (*c)
		cap_free(*c);
}

int mc_exec_caps_set(uint64_t keep, mc_error_t *err)
{
	__attribute__((cleanup(free_cap))) cap_t caps = cap_init();
	cap_value_t cap, n = cap_count();
	char name[64];

	if (!caps)
		return mc_fail(err, MC_EXIT_FAIL, errno, "cap_init");
	for (cap = 0; cap < n; cap++) {
		cap_value_t one[1] = { cap };

		if (!(keep & (UINT64_C(1) << cap)))
			continue;
		if (cap_set_flag(caps, CAP_PERMITTED, 1, one, CAP_SET) < 0 ||
		    cap_set_flag(caps, CAP_EFFECTIVE, 1, one, CAP_SET) < 0 ||
		    cap_set_flag(caps, CAP_INHERITABLE, 1, one, CAP_SET) < 0)
			return mc_fail(err, MC_EXIT_FAIL, errno, "cap_set_flag");
	}
	/* Safe: the new sets are a subset of what the process holds. */
	if (cap_set_proc(caps) < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "setting capabilities");
	/* The ambient set is what a non-root user keeps across execve() of
	 * a program without file capabilities; each member must be both
	 * permitted and inheritable, which cap_set_proc() just made them. */
	if (cap_reset_ambient() < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno,
			       "clearing the ambient set");
	for (cap = 0; cap < n; cap++)
		if ((keep & (UINT64_C(1) << cap)) &&
		    cap_set_ambient(cap, CAP_SET) < 0)
			return mc_fail(err, MC_EXIT_FAIL, errno,
				       "raising %s in the ambient set",
				       cap_name(cap, name, sizeof(name)));
	return 0;
}
