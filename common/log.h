/* Program name and --verbose tracing on stderr. */
#ifndef MC_LOG_H
#define MC_LOG_H

void mc_set_program_name(const char *argv0);
const char *mc_program_name(void);

void mc_set_verbose(int on);
int mc_verbose(void);

/* With --verbose: "PROG: MSG" on stderr. */
void mc_trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Always: "PROG: warning: MSG" on stderr. */
void mc_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
