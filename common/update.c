#include "update.h"

#include <inttypes.h>
#include <stdlib.h>

#include "cgroup.h"
#include "cleanup.h"
#include "log.h"
#include "rundir.h"
#include "state.h"
#include "stats.h"

#define LOCK_TIMEOUT_MS 10000

static int save(const struct mc_container *c, const struct mc_limits *lim, mc_error_t *err)
{
	cleanup_free char *text = mc_limits_format(lim);

	return mc_state_write(c, MC_STATE_LIMITS, text, err);
}

/* The memory in use now, or 0 when unknown. */
static uint64_t usage_now(const struct mc_cgroup *cg)
{
	struct mc_stats st;
	mc_error_t err = NULL;

	mc_stats_init(&st, cg->id);
	if (mc_cgroup_stats(cg, &st, &err) < 0) {
		mc_error_free(&err);
		return 0;
	}
	return mc_stats_has(&st, MC_ST_MEM_TOTAL) ? st.u[MC_ST_MEM_TOTAL] : 0;
}

static int update_locked(struct mc_ctx *ctx, struct mc_container *c,
			 const struct mc_limits *req, mc_error_t *err)
{
	struct mc_limits cur, merged, apply = *req;
	struct mc_cgroup cg;

	if (mc_state_phase(c) == MC_PHASE_INCOMPLETE)
		return mc_fail(err, MC_EXIT_CONFLICT, 0, "cannot update: container is still being prepared");
	if (mc_state_read_limits(c, &cur, err) < 0)
		return -1;
	merged = cur;
	mc_limits_merge(&merged, req);
	if (mc_limits_validate(&merged, err) < 0)
		return -1;
	if (mc_cgroup_open(&cg, ctx->cgroup_root, c->id, err) < 0)
		return -1;
	/* v1 writes memsw as mem + swap: a change of either rewrites both. */
	if ((req->set & (MC_LIM_SWAP | MC_LIM_MEM)) && (merged.set & MC_LIM_SWAP)) {
		apply.mem = merged.mem;
		apply.swap = merged.swap;
		apply.set |= MC_LIM_MEM | MC_LIM_SWAP;
	}
	if ((req->set & MC_LIM_MEM) && (cur.set & MC_LIM_MEM) && req->mem < cur.mem) {
		uint64_t used = usage_now(&cg);

		if (used >= req->mem) {
			/* The seed's rule: never push a container into the
			 * OOM killer by lowering its hard limit; ask the
			 * kernel to reclaim towards it instead. */
			struct mc_limits soft = { .set = MC_LIM_MEM_SOFT, .mem_soft = req->mem };

			if (mc_cgroup_set_limits(&cg, &soft, err) < 0)
				return -1;
			merged.mem = cur.mem;
			merged.mem_soft = req->mem;
			merged.set |= MC_LIM_MEM_SOFT;
			if (save(c, &merged, err) < 0)
				return -1;
			return mc_fail(err, MC_EXIT_FAIL, 0,
				       "memory in use (%" PRIu64 ") is not below the new limit %" PRIu64
				       ": soft limit set to it, hard limit kept at %" PRIu64,
				       used, req->mem, cur.mem);
		}
	}
	if (mc_cgroup_set_limits(&cg, &apply, err) < 0) {
		/* Put back what was written before the failure. */
		mc_error_t ignored = NULL;

		if (mc_cgroup_set_limits(&cg, &cur, &ignored) < 0)
			mc_error_free(&ignored);
		return -1;
	}
	mc_trace("%s: limits updated", c->id);
	return save(c, &merged, err);
}

int mc_update(struct mc_ctx *ctx, const char *id, const struct mc_limits *req,
	      mc_error_t *err)
{
	struct mc_container c;
	int ret;

	if (mc_container_open(ctx->run_fd, id, true, LOCK_TIMEOUT_MS, &c, err) < 0)
		return -1;
	ret = update_locked(ctx, &c, req, err);
	mc_container_close(&c);
	return ret;
}
