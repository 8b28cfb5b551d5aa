/* Namespaces of the executor: --namespaces LIST and entering them.
 *
 * The executor unshares the namespaces itself, so it is inside them when it
 * execs.  With the pid namespace the calling process cannot enter it (only
 * its children can): it forks, the child goes on as pid 1 of the new
 * namespace, and the caller becomes the init-forwarder (exec-forward.h).
 */
#ifndef MC_EXEC_NS_H
#define MC_EXEC_NS_H

#include "error.h"

/* Parse "pid,mount,uts,ipc,net" (any non-empty subset, in any order) into
 * CLONE_NEW* flags.  Unknown or empty names fail with MC_EXIT_USAGE. */
int mc_exec_ns_parse(const char *list, int *flags, mc_error_t *err);

/* Unshare flags.  With CLONE_NEWNS every mount becomes private (so nothing
 * done in the executor's mount namespace propagates back to the host);
 * with CLONE_NEWPID as well a fresh /proc is mounted in it; with
 * CLONE_NEWNET the loopback interface is brought up.  With CLONE_NEWPID
 * this returns in the new namespace's pid 1 only: the caller becomes the
 * init-forwarder and never returns (it exits as the command did); keep_fd
 * is closed in the forwarder so that the exec of the command alone decides
 * when the caller of mc-launch sees end-of-file on it. */
int mc_exec_ns_enter(int flags, int keep_fd, mc_error_t *err);

#endif
