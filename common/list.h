/* mc-list: one row per container in the run directory. */
#ifndef MC_LIST_H
#define MC_LIST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "error.h"

struct mc_list_row {
	char id[65];
	const char *state;	/* prepared, launched, running, exited, unknown */
	int pid;		/* 0 when none */
	double uptime;		/* seconds since the executor started, -1 unknown */
	double cpu;		/* user + system seconds, -1 unknown */
	int64_t mem;		/* bytes in use, -1 unknown */
	char reason[512];
};

int mc_list_read(struct mc_ctx *ctx, const char *id, struct mc_list_row *row, mc_error_t *err);

void mc_list_print_header(FILE *out);
void mc_list_print(FILE *out, const struct mc_list_row *row, bool json);

#endif
