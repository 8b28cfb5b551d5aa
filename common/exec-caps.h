/* Capabilities of the executor: --caps LIST (libcap). */
#ifndef MC_EXEC_CAPS_H
#define MC_EXEC_CAPS_H

#include <stdint.h>

#include "error.h"

/* Parse "cap_net_bind_service,chown,SYS_TIME" (libcap names, "cap_" may be
 * left out, any case) into a bit mask of capability numbers, or "none"
 * into 0.  Unknown or empty names fail with MC_EXIT_USAGE. */
int mc_exec_caps_parse(const char *list, uint64_t *keep, mc_error_t *err);

/* Fail unless every capability of keep is known to the kernel and still in
 * the bounding set: one that was dropped already cannot be kept. */
int mc_exec_caps_check(uint64_t keep, mc_error_t *err);

/* Drop every capability not in keep from the bounding set (needs
 * CAP_SETPCAP, so this runs before anything else is dropped). */
int mc_exec_caps_drop_bound(uint64_t keep, mc_error_t *err);

/* Make keep the permitted, effective and inheritable sets and the ambient
 * set, so that the capabilities survive the execve() of an ordinary
 * program by a non-root user.  Runs after the switch of user, which
 * PR_SET_KEEPCAPS made keep the permitted set. */
int mc_exec_caps_set(uint64_t keep, mc_error_t *err);

#endif
