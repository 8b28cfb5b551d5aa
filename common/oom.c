#include "oom.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "cgroup-backend.h"
#include "cleanup.h"
#include "fileio.h"

static const char *memory_dir(const struct mc_cgroup *cg)
{
	for (int i = 0; i < cg->ndirs; i++)
		if (!cg->dirs[i].controller || strcmp(cg->dirs[i].controller, "memory") == 0)
			return cg->dirs[i].path;
	return NULL;
}

int mc_oom_watch(const struct mc_cgroup *cg, short *events)
{
	const char *dir = memory_dir(cg);
	char path[PATH_MAX], reg[64];
	cleanup_fd int efd = -1, ofd = -1;
	int fd;

	if (!dir)
		return -1;
	if (cg->host->mode == MC_CGROUP_UNIFIED) {
		/* Opening takes the file's current state as seen. */
		snprintf(path, sizeof(path), "%s/memory.events", dir);
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		*events = POLLPRI;
		return fd;
	}
	/* v1: "EVENTFD OOMFD" into cgroup.event_control arms the eventfd. */
	efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	snprintf(path, sizeof(path), "%s/memory.oom_control", dir);
	ofd = open(path, O_RDONLY | O_CLOEXEC);
	if (efd < 0 || ofd < 0)
		return -1;
	snprintf(reg, sizeof(reg), "%d %d", efd, ofd);
	snprintf(path, sizeof(path), "%s/cgroup.event_control", dir);
	if (mc_write_existing_at(AT_FDCWD, path, reg) < 0)
		return -1;
	*events = POLLIN;
	return MC_STEAL_FD(efd);
}

void mc_oom_drain(int fd)
{
	char buf[4096];

	/* memory.events is re-armed by reading it from the start; the
	 * eventfd (no offset) is emptied. */
	lseek(fd, 0, SEEK_SET);
	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

uint64_t mc_oom_kills(const struct mc_cgroup *cg)
{
	const char *dir = memory_dir(cg);
	char buf[1024];
	uint64_t v;

	if (!dir || mc_cg_read(dir, cg->host->mode == MC_CGROUP_UNIFIED ? "memory.events"
				: "memory.oom_control", buf, sizeof(buf)) < 0)
		return 0;
	return mc_stat_lookup(buf, "oom_kill", &v) == 0 ? v : 0;
}

void mc_oom_describe(const struct mc_cgroup *cg, char *buf, size_t size)
{
	const char *dir = memory_dir(cg);
	bool v2 = cg->host->mode == MC_CGROUP_UNIFIED;
	char limit[64] = "unknown", peak[64] = "unknown", stat[8192] = "";
	size_t n;

	if (dir) {
		if (mc_cg_read(dir, v2 ? "memory.max" : "memory.limit_in_bytes", limit, sizeof(limit)) < 0)
			snprintf(limit, sizeof(limit), "unknown");
		if (mc_cg_read(dir, v2 ? "memory.peak" : "memory.max_usage_in_bytes", peak, sizeof(peak)) < 0)
			snprintf(peak, sizeof(peak), "unknown");
		if (mc_cg_read(dir, "memory.stat", stat, sizeof(stat)) < 0)
			stat[0] = '\0';
	}
	limit[strcspn(limit, "\n")] = '\0';
	peak[strcspn(peak, "\n")] = '\0';
	n = (size_t)snprintf(buf, size, "memory limit exceeded: limit %s, peak %s\n", limit, peak);
	/* The figures that explain the usage, as the seed's message had. */
	for (char *line = stat, *eol; *line && n < size; line = eol + 1) {
		eol = strchr(line, '\n');
		if (!eol)
			break;
		*eol = '\0';
		if (strncmp(line, "total_", 6) == 0 || (v2 && !strchr(line, '_')) ||
		    (v2 && strncmp(line, "file_", 5) == 0))
			n += (size_t)snprintf(buf + n, size - n, "memory.stat %s\n", line);
	}
	if (n >= size && size > 1)
		buf[size - 2] = '\n';
}
