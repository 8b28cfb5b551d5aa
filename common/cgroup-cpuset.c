#include "cgroup-cpuset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup-backend.h"
#include "log.h"
#include "parse.h"

#define MAX_CPU 65535	/* as mc_valid_cpu_list() takes them */

/* Read one "N" or "N-M" from *S and step over a following ','. */
static bool next_range(const char **s, unsigned long *lo, unsigned long *hi)
{
	char *end;

	*lo = *hi = strtoul(*s, &end, 10);
	if (*end == '-')
		*hi = strtoul(end + 1, &end, 10);
	*s = *end == ',' ? end + 1 : end;
	return *lo <= *hi && *hi <= MAX_CPU;
}

bool mc_cpu_list_within(const char *want, const char *have)
{
	uint64_t set[(MAX_CPU + 1) / 64];
	unsigned long lo, hi;

	if (!mc_valid_cpu_list(want) || !mc_valid_cpu_list(have))
		return false;
	memset(set, 0, sizeof(set));
	while (*have) {
		next_range(&have, &lo, &hi);
		for (unsigned long c = lo; c <= hi; c++)
			set[c / 64] |= UINT64_C(1) << (c % 64);
	}
	while (*want) {
		next_range(&want, &lo, &hi);
		for (unsigned long c = lo; c <= hi; c++)
			if (!(set[c / 64] & (UINT64_C(1) << (c % 64))))
				return false;
	}
	return true;
}

int mc_cgroup_cpus_available(const struct mc_cgroup *cg, char *buf, size_t size)
{
	const struct mc_cgroup_dir *d = NULL;
	const char *mount, *file;
	char path[MC_CG_PATH_MAX];

	if (cg->host->mode == MC_CGROUP_UNIFIED) {
		d = &cg->dirs[0];
		mount = cg->host->unified;
		file = "cpuset.cpus.effective";
	} else {
		const struct mc_hierarchy *h = mc_cgroup_hierarchy(cg->host, "cpuset");

		for (int i = 0; i < cg->ndirs; i++)
			if (cg->dirs[i].controller && strcmp(cg->dirs[i].controller, "cpuset") == 0)
				d = &cg->dirs[i];
		if (!h)
			return -1;
		mount = h->mount;
		file = "cpuset.cpus";
	}
	if (!d)
		return -1;
	snprintf(path, sizeof(path), "%s", d->root_path);
	/* Upwards from the root, within the mount: the root may not exist
	 * yet, or not have the controller, or (v1) have no CPUs yet. */
	for (;;) {
		ssize_t n = mc_cg_read(path, file, buf, size);
		char *slash;

		if (n > 0) {
			buf[strcspn(buf, "\n")] = '\0';
			if (*buf)
				return 0;
		}
		slash = strrchr(path, '/');
		if (strcmp(path, mount) == 0 || !slash || slash == path ||
		    strncmp(path, mount, strlen(mount)) != 0)
			return -1;
		*slash = '\0';
	}
}

int mc_cgroup_check_cpuset(const struct mc_cgroup *cg, const struct mc_limits *lim,
			   mc_error_t *err)
{
	char have[4096];

	if (!(lim->set & MC_LIM_CPUSET) || mc_cgroup_cpus_available(cg, have, sizeof(have)) < 0)
		return 0;
	mc_trace("%s: CPUs available to the container: %s", cg->id, have);
	if (mc_cpu_list_within(lim->cpuset, have))
		return 0;
	if (mc_valid_cpu_list(have) && !strpbrk(have, ",-"))
		return mc_fail(err, MC_EXIT_FAIL, 0, "--cpuset %s: CPU %s is the one available here",
			       lim->cpuset, have);
	return mc_fail(err, MC_EXIT_FAIL, 0, "--cpuset %s: CPUs %s are available here",
		       lim->cpuset, have);
}
