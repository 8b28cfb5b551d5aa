#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cleanup.h"
#include "fault.h"
#include "fileio.h"

static bool has(const struct mc_container *c, const char *name)
{
	return faccessat(c->dir_fd, name, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
}

enum mc_phase mc_state_phase(const struct mc_container *c)
{
	if (has(c, MC_STATE_DESTROYING))
		return MC_PHASE_DESTROYING;
	if (!has(c, MC_STATE_LIMITS))
		return MC_PHASE_INCOMPLETE;
	if (has(c, MC_STATE_EXIT))
		return MC_PHASE_EXITED;
	if (!has(c, MC_STATE_PID))
		return MC_PHASE_PREPARED;
	return has(c, MC_STATE_RELEASED) ? MC_PHASE_RUNNING : MC_PHASE_LAUNCHED;
}

const char *mc_phase_name(enum mc_phase phase)
{
	switch (phase) {
	case MC_PHASE_INCOMPLETE: return "incomplete";
	case MC_PHASE_PREPARED: return "prepared";
	case MC_PHASE_LAUNCHED: return "launched";
	case MC_PHASE_RUNNING: return "running";
	case MC_PHASE_EXITED: return "exited";
	case MC_PHASE_DESTROYING: return "destroying";
	default: return "unknown";
	}
}

int mc_state_write(const struct mc_container *c, const char *name,
		   const char *text, mc_error_t *err)
{
	return mc_write_atomic_at(c->dir_fd, name, text, strlen(text), err);
}

int mc_state_mark(const struct mc_container *c, const char *name, mc_error_t *err)
{
	int fd;

	MC_CRASH_POINT("state-mark");
	fd = openat(c->dir_fd, name, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600);
	if (fd < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "create state file %s", name);
	close(fd);
	return 0;
}

static int read_state(const struct mc_container *c, const char *name, char **out,
		      mc_error_t *err)
{
	if (mc_read_at(c->dir_fd, name, out) < 0) {
		if (errno == ELOOP)
			return mc_fail(err, MC_EXIT_FAIL, 0,
				       "state file %s is a symlink: refusing it", name);
		return mc_fail(err, MC_EXIT_FAIL, errno, "read state file %s", name);
	}
	return 0;
}

int mc_state_read_limits(const struct mc_container *c, struct mc_limits *lim,
			 mc_error_t *err)
{
	cleanup_free char *text = NULL;

	if (read_state(c, MC_STATE_LIMITS, &text, err) < 0)
		return -1;
	if (mc_limits_parse(text, lim) < 0)
		return mc_fail(err, MC_EXIT_FAIL, 0, "state file %s is malformed", MC_STATE_LIMITS);
	return 0;
}

int mc_state_read_pid(const struct mc_container *c, struct mc_proc_id *id,
		      mc_error_t *err)
{
	cleanup_free char *text = NULL;

	if (read_state(c, MC_STATE_PID, &text, err) < 0)
		return -1;
	if (mc_proc_id_parse(text, id) < 0)
		return mc_fail(err, MC_EXIT_FAIL, 0, "state file %s is malformed", MC_STATE_PID);
	return 0;
}

int mc_state_write_pid(const struct mc_container *c, const struct mc_proc_id *id,
		       mc_error_t *err)
{
	char text[128];

	snprintf(text, sizeof(text), "%d %llu %s\n", (int)id->pid,
		 (unsigned long long)id->starttime, id->boot_id);
	return mc_state_write(c, MC_STATE_PID, text, err);
}

void mc_state_exit_summary(const char *text, char *buf, size_t size)
{
	const char *why;
	size_t n;

	/* "killed by signal 9" and, when known, why: the reason or error
	 * line that follows it. */
	n = strcspn(text, "\n");
	why = strstr(text, "\nreason: ");
	if (!why)
		why = strstr(text, "\nerror: ");
	if (why) {
		why = strchr(why, ' ') + 1;
		snprintf(buf, size, "%.*s: %.*s", (int)n, text, (int)strcspn(why, "\n"), why);
	} else {
		snprintf(buf, size, "%.*s", (int)n, text);
	}
	/* The text goes to terminals (mc-list, mc-launch's stderr): no
	 * control character of a damaged or planted file reaches them. */
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			*p = '?';
}

int mc_state_read_exit(const struct mc_container *c, char *buf, size_t size)
{
	char text[4096];

	if (mc_read_small_at(c->dir_fd, MC_STATE_EXIT, text, sizeof(text)) < 0)
		return -1;
	mc_state_exit_summary(text, buf, size);
	return 0;
}
