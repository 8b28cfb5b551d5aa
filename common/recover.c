#include "fault.h"
#include "recover.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "cgroup.h"
#include "cleanup.h"
#include "destroy.h"
#include "log.h"
#include "procfs.h"
#include "rundir.h"
#include "state.h"
#include "stats.h"

#define BUSY_WAIT_MS 2000

enum action { KEEP, DESTROY, CLEAN };

struct recover {
	struct mc_ctx *ctx;
	const struct mc_recover_opts *opts;
	mc_error_t first_error;
	int failed;
};

static void report(struct recover *r, const char *id, enum action a, const char *reason)
{
	static const char *const done[] = { "kept", "destroyed", "cleaned" };
	static const char *const dry[] = { "keep", "destroy", "clean" };
	const char *verb = r->opts->dry_run ? dry[a] : done[a];

	if (r->opts->json) {
		fputs("{\"container_id\":", r->opts->out);
		mc_json_string(r->opts->out, id);
		fprintf(r->opts->out, ",\"action\":\"%s\",\"reason\":\"%s\"}\n", verb, reason);
	} else {
		fprintf(r->opts->out, "%s %s %s\n", id, verb, reason);
	}
	fflush(r->opts->out);
}

static void note_failure(struct recover *r, const char *id, mc_error_t *err)
{
	r->failed++;
	mc_error_prefix(err, "%s", id);
	if (!r->first_error) {
		r->first_error = *err;
		*err = NULL;
	} else {
		fprintf(stderr, "%s: %s\n", mc_program_name(), (*err)->msg);
		mc_error_free(err);
	}
}

/* Why a launched container's executor is no longer there, or NULL when it
 * still is. */
static const char *executor_gone(const struct mc_container *c, const struct mc_cgroup *cg)
{
	struct mc_proc_id pid;
	mc_error_t err = NULL;
	uint64_t start;

	if (mc_state_read_pid(c, &pid, &err) < 0) {
		mc_error_free(&err);
		return "bad-pid-file";
	}
	if (strcmp(pid.boot_id, mc_boot_id()) != 0)
		return "rebooted";
	if (mc_proc_starttime(pid.pid, &start) < 0 || mc_proc_zombie(pid.pid))
		return "dead";
	if (start != pid.starttime)
		return "pid-reused";
	/* A process that ends between these reads is gone, not moved. */
	if (!mc_cgroup_contains(cg, pid.pid))
		return mc_proc_same(&pid) ? "left-cgroup" : "dead";
	return NULL;
}

static void recover_entry(struct recover *r, struct mc_container *c)
{
	struct mc_cgroup cg;
	mc_error_t err = NULL;
	enum mc_phase phase = mc_state_phase(c);
	const char *reason = mc_phase_name(phase);
	enum action a = KEEP;

	if (mc_cgroup_open(&cg, r->ctx->cgroup_root, c->id, &err) < 0) {
		note_failure(r, c->id, &err);
		return;
	}
	switch (phase) {
	case MC_PHASE_INCOMPLETE:
		a = CLEAN;
		break;
	case MC_PHASE_PREPARED:
		if (!mc_cgroup_exists(&cg)) {
			a = CLEAN;
			reason = "orphan-state";
		}
		break;
	case MC_PHASE_LAUNCHED:
	case MC_PHASE_RUNNING: {
		const char *gone = executor_gone(c, &cg);

		if (gone && strcmp(gone, "left-cgroup") == 0) {
			/* Alive, but no longer in the container's cgroup
			 * (systemd moves processes out of a slice it does
			 * not know as delegated): it cannot be proven to be
			 * the container's, so it is neither killed nor
			 * forgotten. */
			mc_warn("%s: the executor has left the container's cgroup (moved by systemd?); kept",
				c->id);
			reason = gone;
		} else if (gone) {
			a = DESTROY;
			reason = gone;
		}
		break;
	}
	case MC_PHASE_EXITED:
	case MC_PHASE_DESTROYING:
		a = DESTROY;
		break;
	default:
		break;
	}
	MC_CRASH_POINT("recover-entry");
	if (a != KEEP && !r->opts->dry_run &&
	    mc_destroy_locked(r->ctx, c, r->opts->timeout_ms, &err) < 0) {
		note_failure(r, c->id, &err);
		return;
	}
	report(r, c->id, a, reason);
}

static int each_entry(const char *id, void *arg)
{
	struct recover *r = arg;
	struct mc_container c;
	mc_error_t err = NULL;
	int locked;

	if (mc_container_open(r->ctx->run_fd, id, false, 0, &c, &err) < 0) {
		if (err->status == MC_EXIT_NOENT)
			mc_error_free(&err);	/* destroyed meanwhile */
		else
			note_failure(r, id, &err);
		return 0;
	}
	/* Other programs hold a container's lock for moments (a supervisor
	 * recording an exit) or for a whole destroy: wait a little, then
	 * leave it to them. */
	locked = mc_container_lock(&c, BUSY_WAIT_MS);
	if (locked == 1) {
		recover_entry(r, &c);
	} else {
		/* Another program is working on it: it is alive by definition. */
		report(r, id, KEEP, "busy");
	}
	mc_container_close(&c);
	return 0;
}

static int each_cgroup(const char *name, void *arg)
{
	struct recover *r = arg;
	mc_error_t err = NULL;

	if (faccessat(r->ctx->run_fd, name, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
		return 0;	/* has state: handled above */
	if (!mc_valid_id(name)) {
		mc_warn("%s: not a container name, left alone", name);
		return 0;
	}
	if (!r->opts->dry_run &&
	    mc_destroy_cgroups(r->ctx, name, r->opts->timeout_ms, &err) < 0) {
		note_failure(r, name, &err);
		return 0;
	}
	report(r, name, DESTROY, "orphan-cgroup");
	return 0;
}

int mc_recover(struct mc_ctx *ctx, const struct mc_recover_opts *opts, mc_error_t *err)
{
	struct recover r = { ctx, opts, NULL, 0 };
	cleanup_fd int lock = -1;

	lock = openat(ctx->run_fd, MC_RECOVER_LOCK,
		      O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600);
	if (lock < 0)
		return mc_fail(err, MC_EXIT_FAIL, errno, "open %s", MC_RECOVER_LOCK);
	if (flock(lock, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EWOULDBLOCK)
			return mc_fail(err, MC_EXIT_CONFLICT, 0, "another mc-recover is running");
		return mc_fail(err, MC_EXIT_FAIL, errno, "lock %s", MC_RECOVER_LOCK);
	}
	if (mc_rundir_each(ctx->run_fd, each_entry, &r, err) < 0)
		return -1;
	if (mc_cgroup_each_child(ctx->cgroup_root, each_cgroup, &r, err) < 0)
		return -1;
	if (r.failed) {
		*err = r.first_error;
		return -1;
	}
	return 0;
}
