#include "fault.h"
#include "destroy.h"

#include "cgroup.h"
#include "log.h"
#include "state.h"

int mc_destroy_cgroups(struct mc_ctx *ctx, const char *id, int timeout_ms, mc_error_t *err)
{
	struct mc_cgroup cg;

	if (mc_cgroup_open(&cg, ctx->cgroup_root, id, err) < 0)
		return -1;
	if (mc_cgroup_destroy(&cg, timeout_ms, err) < 0)
		return -1;
	mc_trace("%s: cgroups removed", id);
	return 0;
}

int mc_destroy_locked(struct mc_ctx *ctx, struct mc_container *c, int timeout_ms,
		      mc_error_t *err)
{
	/* Every process is found through the cgroups, never through the pid
	 * file, so a tampered state file cannot aim the kill elsewhere.
	 * The state goes only once the cgroups are gone: a destroy that
	 * timed out can be finished by a later one, and the marker tells
	 * mc-recover to finish one that was interrupted. */
	if (mc_state_mark(c, MC_STATE_DESTROYING, err) < 0)
		return -1;
	if (mc_destroy_cgroups(ctx, c->id, timeout_ms, err) < 0)
		return -1;
	MC_CRASH_POINT("destroy-cgroups-gone");
	if (mc_container_remove(ctx->run_fd, c, err) < 0)
		return -1;
	mc_trace("%s: state removed", c->id);
	return 0;
}

int mc_destroy(struct mc_ctx *ctx, const char *id, int timeout_ms, mc_error_t *err)
{
	struct mc_container c;
	int ret;

	if (mc_container_open(ctx->run_fd, id, true, timeout_ms, &c, err) < 0)
		return -1;
	ret = mc_destroy_locked(ctx, &c, timeout_ms, err);
	mc_container_close(&c);
	return ret;
}
