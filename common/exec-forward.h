/* The init-forwarder: what stays outside the executor's pid namespace. */
#ifndef MC_EXEC_FORWARD_H
#define MC_EXEC_FORWARD_H

#include <signal.h>
#include <sys/types.h>

/* The signals passed on to the command. */
void mc_exec_forward_sigset(sigset_t *set);

/* In the parent after fork(): pass the signals of mc_exec_forward_sigset
 * (which the caller blocked before the fork) on to child, wait for it and
 * end the same way it did: exit with its exit status, or die of the
 * signal that killed it.  Never returns. */
void mc_exec_forward(pid_t child) __attribute__((noreturn));

#endif
