/* Crash points for the fault-injection tests.
 *
 * Only the test build (compiled with MC_FAULT_INJECTION, the programs
 * under t/fi/) honours MC_CRASH_AT=NAME[:N]: the Nth time (default the
 * first) the program passes the point NAME, it kills itself with SIGKILL,
 * as a crash or an OOM kill would.  MC_PAUSE_AT=NAME[:SECS] sleeps SECS
 * (default 1) each time it passes NAME, holding whatever it holds there,
 * so that a test can run another program inside that window.  In the
 * installed programs a crash point compiles to nothing. */
#ifndef MC_FAULT_H
#define MC_FAULT_H

#ifdef MC_FAULT_INJECTION
void mc_crash_point(const char *name);
#define MC_CRASH_POINT(name) mc_crash_point(name)
#else
#define MC_CRASH_POINT(name) ((void)0)
#endif

#endif
