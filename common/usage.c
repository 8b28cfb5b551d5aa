#include "usage.h"

#include <string.h>
#include <sys/time.h>

#include "cgroup.h"
#include "log.h"
#include "rundir.h"
#include "state.h"

int mc_usage_read(struct mc_ctx *ctx, const char *id, struct mc_stats *st, mc_error_t *err)
{
	struct mc_container c;
	struct mc_cgroup cg;
	struct mc_limits lim;
	struct timeval now;
	mc_error_t damaged = NULL;
	int ret = -1;

	mc_stats_init(st, id);
	if (mc_cgroup_open(&cg, ctx->cgroup_root, id, err) < 0)
		return -1;
	/* No lock: every state file is replaced whole, so a reader sees the
	 * old or the new one, and usage never holds up a launch. */
	if (mc_container_open(ctx->run_fd, id, false, 0, &c, err) < 0)
		return -1;
	/* The kernel's figures do not depend on the limits file: a damaged
	 * one costs only the two figures taken from it. */
	if (mc_state_read_limits(&c, &lim, &damaged) < 0) {
		mc_warn("%s: %s: cpus_limit and cpus_soft_limit left out", id, damaged->msg);
		mc_error_free(&damaged);
		lim.set = 0;
	}
	gettimeofday(&now, NULL);
	st->timestamp = (double)now.tv_sec + (double)now.tv_usec / 1e6;
	if (mc_cgroup_stats(&cg, st, err) < 0)
		goto out;
	if (lim.set & MC_LIM_CPUS)
		mc_stats_set_d(st, MC_ST_CPUS_SOFT_LIMIT, lim.cpus);
	/* Mesos reported the share as the limit before it had caps. */
	if (lim.set & MC_LIM_CPU_LIMIT)
		mc_stats_set_d(st, MC_ST_CPUS_LIMIT, lim.cpu_limit);
	else if (lim.set & MC_LIM_CPUS)
		mc_stats_set_d(st, MC_ST_CPUS_LIMIT, lim.cpus);
	if (mc_state_read_exit(&c, st->reason, sizeof(st->reason)) < 0)
		st->reason[0] = '\0';
	ret = 0;
out:
	mc_container_close(&c);
	return ret;
}
