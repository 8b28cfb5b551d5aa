#include "cgroup-mode.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/vfs.h>

#include "cleanup.h"
#include "fileio.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif

const char *mc_cgroup_mode_name(enum mc_cgroup_mode mode)
{
	switch (mode) {
	case MC_CGROUP_LEGACY: return "legacy";
	case MC_CGROUP_HYBRID: return "hybrid";
	case MC_CGROUP_UNIFIED: return "unified";
	default: return "unknown";
	}
}

/* The controllers named in a v1 mount's super options, without the
 * generic ones (rw, relatime, name=..., ...). */
static void v1_controllers(const char *opts, char *out, size_t size)
{
	static const char *const known[] = {
		"cpu", "cpuacct", "cpuset", "memory", "pids", "freezer",
		"blkio", "devices", "hugetlb", "net_cls", "net_prio",
		"perf_event", "rdma", "misc",
	};
	char copy[512], *save = NULL, *tok;

	out[0] = '\0';
	snprintf(copy, sizeof(copy), "%s", opts);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (strcmp(tok, known[i]) == 0) {
				size_t n = strlen(out);

				snprintf(out + n, size - n, "%s%s", n ? "," : "", tok);
			}
}

int mc_cgroup_parse_mountinfo(const char *text, struct mc_cgroup_host *host)
{
	const char *line = text;

	host->nhier = 0;
	host->unified[0] = '\0';
	while (line && *line) {
		const char *eol = strchr(line, '\n');
		char buf[4096], root[PATH_MAX], mnt[PATH_MAX], fstype[64], opts[512];
		size_t n = eol ? (size_t)(eol - line) : strlen(line);
		const char *sep;

		if (n < sizeof(buf)) {
			memcpy(buf, line, n);
			buf[n] = '\0';
			/* "ID PARENT MAJ:MIN ROOT MOUNT OPTS [TAGS] - FSTYPE SRC SUPEROPTS" */
			sep = strstr(buf, " - ");
			if (sep && sscanf(buf, "%*s %*s %*s %4095s %4095s", root, mnt) == 2 &&
			    sscanf(sep + 3, "%63s %*s %511s", fstype, opts) == 2) {
				if (strlen(mnt) >= MC_MOUNT_MAX || strlen(root) >= MC_MOUNT_MAX) {
					/* too long to use; see MC_MOUNT_MAX */
				} else if (strcmp(fstype, "cgroup2") == 0 && !host->unified[0]) {
					snprintf(host->unified, sizeof(host->unified), "%s", mnt);
				} else if (strcmp(fstype, "cgroup") == 0 &&
					   host->nhier < MC_MAX_HIERARCHIES) {
					struct mc_hierarchy *h = &host->hier[host->nhier];

					v1_controllers(opts, h->controllers, sizeof(h->controllers));
					if (h->controllers[0]) {
						snprintf(h->mount, sizeof(h->mount), "%s", mnt);
						snprintf(h->root, sizeof(h->root), "%s", root);
						host->nhier++;
					}
				}
			}
		}
		line = eol ? eol + 1 : NULL;
	}
	if (host->nhier == 0)
		host->mode = MC_CGROUP_UNIFIED;
	else
		host->mode = host->unified[0] ? MC_CGROUP_HYBRID : MC_CGROUP_LEGACY;
	return host->nhier || host->unified[0] ? 0 : -1;
}

const struct mc_cgroup_host *mc_cgroup_host(mc_error_t *err)
{
	static struct mc_cgroup_host host;
	static int detected;
	cleanup_free char *text = NULL;
	struct statfs sfs;

	if (detected)
		return &host;
	/* A v2-only host is told by the filesystem at /sys/fs/cgroup itself;
	 * the mount table is only needed for v1 hierarchies. */
	if (statfs(MC_CGROUP_FS, &sfs) == 0 && sfs.f_type == CGROUP2_SUPER_MAGIC) {
		host.mode = MC_CGROUP_UNIFIED;
		host.nhier = 0;
		snprintf(host.unified, sizeof(host.unified), "%s", MC_CGROUP_FS);
		detected = 1;
		return &host;
	}
	if (mc_read_at(AT_FDCWD, "/proc/self/mountinfo", &text) < 0) {
		mc_fail(err, MC_EXIT_FAIL, errno, "read /proc/self/mountinfo");
		return NULL;
	}
	if (mc_cgroup_parse_mountinfo(text, &host) < 0 || host.mode == MC_CGROUP_UNIFIED) {
		mc_fail(err, MC_EXIT_FAIL, 0, "no cgroup v1 controllers and no cgroup2 at "
			MC_CGROUP_FS);
		return NULL;
	}
	detected = 1;
	return &host;
}

const struct mc_hierarchy *mc_cgroup_hierarchy(const struct mc_cgroup_host *host,
					       const char *controller)
{
	size_t clen = strlen(controller);

	for (int i = 0; i < host->nhier; i++) {
		const char *p = host->hier[i].controllers;

		while (*p) {
			size_t n = strcspn(p, ",");

			if (n == clen && strncmp(p, controller, n) == 0)
				return &host->hier[i];
			p += n + (p[n] == ',');
		}
	}
	return NULL;
}
