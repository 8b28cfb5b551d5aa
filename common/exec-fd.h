/* The executor's descriptors: --stdout FILE, --stderr FILE, and closing
 * everything above 2. */
#ifndef MC_EXEC_FD_H
#define MC_EXEC_FD_H

#include "error.h"

/* Open path for appending (O_WRONLY|O_CREAT|O_APPEND, mode 0644 less the
 * umask) and make it descriptor target.  Append, so that --stdout and
 * --stderr may name one file, and a relaunch adds to the old log instead
 * of overwriting it. */
int mc_exec_fd_redirect(const char *path, int target, mc_error_t *err);

/* Mark every descriptor from low up close-on-exec, so the command starts
 * with nothing but what lies below low. */
int mc_exec_fd_cloexec_from(int low, mc_error_t *err);

#endif
