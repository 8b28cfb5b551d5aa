#include "list.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"
#include "fileio.h"
#include "procfs.h"
#include "rundir.h"
#include "state.h"
#include "stats.h"

static double system_uptime(void)
{
	char buf[64];

	if (mc_read_small_at(AT_FDCWD, "/proc/uptime", buf, sizeof(buf)) < 0)
		return -1;
	return strtod(buf, NULL);
}

int mc_list_read(struct mc_ctx *ctx, const char *id, struct mc_list_row *row, mc_error_t *err)
{
	struct mc_container c;
	struct mc_cgroup cg;
	struct mc_stats st;
	struct mc_proc_id pid;
	enum mc_phase phase;
	mc_error_t ignored = NULL;

	memset(row, 0, sizeof(*row));
	snprintf(row->id, sizeof(row->id), "%s", id);
	row->uptime = row->cpu = -1;
	row->mem = -1;
	if (mc_container_open(ctx->run_fd, id, false, 0, &c, err) < 0)
		return -1;
	phase = mc_state_phase(&c);
	row->state = mc_phase_name(phase);
	if (phase == MC_PHASE_INCOMPLETE)
		row->state = "unknown";
	if (phase >= MC_PHASE_LAUNCHED && mc_state_read_pid(&c, &pid, &ignored) == 0) {
		row->pid = pid.pid;
		if (mc_proc_same(&pid)) {
			double up = system_uptime();

			if (up >= 0)
				row->uptime = up - (double)pid.starttime / (double)sysconf(_SC_CLK_TCK);
		} else if (phase != MC_PHASE_EXITED) {
			/* Gone without an exit record: its supervisor died too. */
			row->state = "unknown";
		}
	}
	mc_error_free(&ignored);
	if (mc_state_read_exit(&c, row->reason, sizeof(row->reason)) < 0)
		row->reason[0] = '\0';
	mc_container_close(&c);

	mc_stats_init(&st, id);
	if (mc_cgroup_open(&cg, ctx->cgroup_root, id, &ignored) == 0 &&
	    mc_cgroup_stats(&cg, &st, &ignored) == 0) {
		if (mc_stats_has(&st, MC_ST_CPUS_USER) && mc_stats_has(&st, MC_ST_CPUS_SYSTEM))
			row->cpu = st.d[MC_ST_CPUS_USER] + st.d[MC_ST_CPUS_SYSTEM];
		if (mc_stats_has(&st, MC_ST_MEM_TOTAL))
			row->mem = (int64_t)st.u[MC_ST_MEM_TOTAL];
	}
	mc_error_free(&ignored);
	return 0;
}

void mc_list_print_header(FILE *out)
{
	fprintf(out, "%-20s %-9s %8s %10s %10s %12s %s\n",
		"ID", "STATE", "PID", "UPTIME", "CPU", "MEM", "REASON");
}

static void human_bytes(char *buf, size_t size, int64_t v)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	double d = (double)v;
	int u = 0;

	if (v < 0) {
		snprintf(buf, size, "-");
		return;
	}
	while (d >= 1024 && u < 4) {
		d /= 1024;
		u++;
	}
	snprintf(buf, size, u ? "%.1f%s" : "%.0f%s", d, units[u]);
}

void mc_list_print(FILE *out, const struct mc_list_row *row, bool json)
{
	char pid[16] = "-", up[32] = "-", cpu[32] = "-", mem[32];

	if (json) {
		fputs("{\"container_id\":", out);
		mc_json_string(out, row->id);
		fprintf(out, ",\"state\":\"%s\"", row->state);
		if (row->pid)
			fprintf(out, ",\"pid\":%d", row->pid);
		if (row->uptime >= 0)
			fprintf(out, ",\"uptime_secs\":%.2f", row->uptime);
		if (row->cpu >= 0)
			fprintf(out, ",\"cpu_secs\":%.6f", row->cpu);
		if (row->mem >= 0)
			fprintf(out, ",\"mem_bytes\":%" PRId64, row->mem);
		if (row->reason[0]) {
			fputs(",\"reason\":", out);
			mc_json_string(out, row->reason);
		}
		fputs("}\n", out);
		return;
	}
	if (row->pid)
		snprintf(pid, sizeof(pid), "%d", row->pid);
	if (row->uptime >= 0)
		snprintf(up, sizeof(up), "%.0fs", row->uptime);
	if (row->cpu >= 0)
		snprintf(cpu, sizeof(cpu), "%.2fs", row->cpu);
	human_bytes(mem, sizeof(mem), row->mem);
	fprintf(out, "%-20s %-9s %8s %10s %10s %12s %s\n", row->id, row->state, pid, up, cpu,
		mem, row->reason[0] ? row->reason : "-");
}
