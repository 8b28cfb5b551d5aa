/* The one error contract of libmc.
 *
 * A function that can fail returns a negative value and fills *err with an
 * exit status and a message.  Callers add context to the front of the
 * message with mc_error_prefix(); only a program's main() prints the message
 * and turns the status into its exit code.  Library code never exits.
 */
#ifndef MC_ERROR_H
#define MC_ERROR_H

#include <stdarg.h>

/* Exit codes, the same in every program. */
enum mc_exit {
	MC_EXIT_OK = 0,
	MC_EXIT_FAIL = 1,	/* the operation failed */
	MC_EXIT_USAGE = 2,	/* bad option or value */
	MC_EXIT_NOENT = 3,	/* no such container */
	MC_EXIT_CONFLICT = 4,	/* exists already, wrong state, locked */
	MC_EXIT_CANNOT_EXEC = 126,
	MC_EXIT_NOT_FOUND = 127,
};

struct mc_error {
	int status;	/* one of enum mc_exit */
	char *msg;
};
typedef struct mc_error *mc_error_t;

/* Fill *err (which must be NULL) and return -1.  errnum, when non-zero,
 * appends ": strerror(errnum)".  A message quotes at most 80 bytes of a
 * value it was given ('%.80s'; paths and commands 200), so that a bad
 * argument of any size gives one short line. */
int mc_fail(mc_error_t *err, int status, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The precision for quoting N bytes of a value with '%.*s'. */
#define MC_QUOTED(n) ((n) < 80 ? (int)(n) : 80)

/* Put "CONTEXT: " in front of the message already in *err. */
void mc_error_prefix(mc_error_t *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print "PROG: MSG" on stderr, free *err and return its status. */
int mc_error_report(mc_error_t *err);

void mc_error_free(mc_error_t *err);

#endif
