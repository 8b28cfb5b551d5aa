#include "prepare.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "cleanup.h"
#include "log.h"
#include "rundir.h"
#include "state.h"

int mc_prepare(struct mc_ctx *ctx, const char *id, const struct mc_limits *lim,
	       mc_error_t *err)
{
	struct mc_container c;
	struct mc_cgroup cg;
	cleanup_free char *limits = NULL, *cgroups = NULL;

	if (mc_cgroup_open(&cg, ctx->cgroup_root, id, err) < 0)
		return -1;
	if (mc_container_create(ctx->run_fd, id, &c, err) < 0)
		return -1;
	mc_trace("%s: created state directory %s/%s", id, ctx->run_dir, id);
	if (mc_cgroup_create(&cg, lim, err) < 0)
		goto fail_state;
	mc_trace("%s: created cgroups (%s)", id, mc_cgroup_mode_name(cg.host->mode));
	if (mkfifoat(c.dir_fd, MC_STATE_RELEASE, 0600) < 0) {
		mc_fail(err, MC_EXIT_FAIL, errno, "create the release FIFO");
		goto fail_cgroups;
	}
	cgroups = mc_cgroup_describe(&cg, lim);
	limits = mc_limits_format(lim);
	/* "limits" last: its presence is what marks the container prepared. */
	if (mc_state_write(&c, MC_STATE_CGROUPS, cgroups, err) < 0 ||
	    mc_state_write(&c, MC_STATE_LIMITS, limits, err) < 0)
		goto fail_cgroups;
	mc_container_close(&c);
	return 0;

fail_cgroups:
	{
		mc_error_t ignored = NULL;

		if (mc_cgroup_destroy(&cg, 5000, &ignored) < 0)
			mc_error_free(&ignored);
	}
fail_state:
	{
		mc_error_t ignored = NULL;

		if (mc_container_remove(ctx->run_fd, &c, &ignored) < 0)
			mc_error_free(&ignored);
	}
	mc_container_close(&c);
	return -1;
}
