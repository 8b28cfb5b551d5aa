#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *program_name = "mc";
static int verbose;

void mc_set_program_name(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	program_name = slash ? slash + 1 : argv0;
}

const char *mc_program_name(void) { return program_name; }
void mc_set_verbose(int on) { verbose = on; }
int mc_verbose(void) { return verbose; }

static void emit(const char *tag, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void emit(const char *tag, const char *fmt, va_list ap)
{
	char line[4096];

	vsnprintf(line, sizeof(line), fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): the callers start it */
	fprintf(stderr, "%s: %s%s\n", program_name, tag, line);
}

void mc_trace(const char *fmt, ...)
{
	va_list ap;

	if (!verbose)
		return;
	va_start(ap, fmt);
	emit("", fmt, ap);
	va_end(ap);
}

void mc_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("warning: ", fmt, ap);
	va_end(ap);
}
