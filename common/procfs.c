#include "procfs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cleanup.h"
#include "fileio.h"
#include "parse.h"

int mc_proc_starttime(pid_t pid, uint64_t *out)
{
	char path[64], buf[1024];

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (mc_read_small_at(AT_FDCWD, path, buf, sizeof(buf)) < 0) {
		if (errno == ENOENT)
			errno = ESRCH;
		return -1;
	}
	if (mc_parse_proc_starttime(buf, out) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

bool mc_proc_zombie(pid_t pid)
{
	char path[64], buf[1024];
	const char *paren;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (mc_read_small_at(AT_FDCWD, path, buf, sizeof(buf)) < 0)
		return true;
	paren = strrchr(buf, ')');
	return !paren || paren[1] != ' ' || paren[2] == 'Z' || paren[2] == 'X';
}

const char *mc_boot_id(void)
{
	static char boot_id[MC_BOOT_ID_LEN + 1];

	if (!boot_id[0]) {
		char buf[64];

		if (mc_read_small_at(AT_FDCWD, "/proc/sys/kernel/random/boot_id",
				     buf, sizeof(buf)) < 0)
			return "unknown";
		buf[strcspn(buf, "\n")] = '\0';
		snprintf(boot_id, sizeof(boot_id), "%s", buf);
	}
	return boot_id;
}

int mc_proc_identify(pid_t pid, struct mc_proc_id *id)
{
	id->pid = pid;
	if (mc_proc_starttime(pid, &id->starttime) < 0)
		return -1;
	snprintf(id->boot_id, sizeof(id->boot_id), "%s", mc_boot_id());
	return 0;
}

bool mc_proc_same(const struct mc_proc_id *id)
{
	uint64_t start;

	if (id->pid <= 1 || strcmp(id->boot_id, mc_boot_id()) != 0)
		return false;
	return mc_proc_starttime(id->pid, &start) == 0 && start == id->starttime &&
	       !mc_proc_zombie(id->pid);
}

static bool has_controller(const char *list, size_t len, const char *controller)
{
	size_t clen = strlen(controller);
	const char *p = list, *end = list + len;

	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		size_t n = comma ? (size_t)(comma - p) : (size_t)(end - p);

		if (n == clen && memcmp(p, controller, n) == 0)
			return true;
		p += n + 1;
	}
	return false;
}

static bool path_within(const char *got, size_t len, const char *path)
{
	size_t plen = strlen(path);

	return len >= plen && memcmp(got, path, plen) == 0 &&
	       (len == plen || got[plen] == '/');
}

bool mc_proc_in_cgroup(pid_t pid, const char *controller, const char *path)
{
	char file[64];
	cleanup_free char *text = NULL;
	const char *line;

	snprintf(file, sizeof(file), "/proc/%d/cgroup", (int)pid);
	if (mc_read_at(AT_FDCWD, file, &text) < 0)
		return false;
	/* Lines are "ID:CONTROLLERS:PATH"; v2 is "0::PATH". */
	for (line = text; line && *line;) {
		const char *eol = strchr(line, '\n');
		const char *c1 = strchr(line, ':'), *c2;
		size_t len;

		if (!c1 || (eol && c1 > eol))
			return false;
		c2 = strchr(c1 + 1, ':');
		if (!c2 || (eol && c2 > eol))
			return false;
		len = eol ? (size_t)(eol - c2 - 1) : strlen(c2 + 1);
		if (controller ? has_controller(c1 + 1, (size_t)(c2 - c1 - 1), controller)
			       : (c2 == c1 + 1 && strncmp(line, "0:", 2) == 0))
			return path_within(c2 + 1, len, path);
		line = eol ? eol + 1 : NULL;
	}
	return false;
}

int mc_proc_id_parse(const char *text, struct mc_proc_id *id)
{
	char pid[24], start[24], boot[MC_BOOT_ID_LEN + 2];
	uint64_t v;

	if (sscanf(text, "%23s %23s %37s", pid, start, boot) != 3)
		return -1;
	if (mc_parse_u64(pid, &v) < 0 || v < 2 || v > 4194304)
		return -1;
	id->pid = (pid_t)v;
	if (mc_parse_u64(start, &id->starttime) < 0)
		return -1;
	if (strlen(boot) != MC_BOOT_ID_LEN)
		return -1;
	memcpy(id->boot_id, boot, sizeof(id->boot_id));
	return 0;
}
