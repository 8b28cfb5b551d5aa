#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "xalloc.h"

int mc_fail(mc_error_t *err, int status, int errnum, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (errnum) {
		char *full = xasprintf("%s: %s", msg, strerror(errnum));
		free(msg);
		msg = full;
	}
	if (*err) /* keep the first error; a second one is only context */
		mc_error_free(err);
	*err = xmalloc(sizeof(**err));
	(*err)->status = status;
	(*err)->msg = msg;
	return -1;
}

void mc_error_prefix(mc_error_t *err, const char *fmt, ...)
{
	va_list ap;
	char *ctx, *full;

	if (!*err)
		return;
	va_start(ap, fmt);
	ctx = xvasprintf(fmt, ap);
	va_end(ap);
	full = xasprintf("%s: %s", ctx, (*err)->msg);
	free(ctx);
	free((*err)->msg);
	(*err)->msg = full;
}

int mc_error_report(mc_error_t *err)
{
	int status;

	if (!*err)
		return MC_EXIT_OK;
	fprintf(stderr, "%s: %s\n", mc_program_name(), (*err)->msg);
	status = (*err)->status;
	mc_error_free(err);
	return status;
}

void mc_error_free(mc_error_t *err)
{
	if (!*err)
		return;
	free((*err)->msg);
	free(*err);
	*err = NULL;
}
