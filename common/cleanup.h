/* Scope-bound cleanup: a variable declared with one of these is released when
 * it goes out of scope; hand ownership on by setting it to NULL / -1. */
#ifndef MC_CLEANUP_H
#define MC_CLEANUP_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static inline void mc_free_ptr(void *p) { free(*(void **)p); }
static inline void mc_close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}
static inline void mc_close_dir(DIR **d)
{
	if (*d)
		closedir(*d);
}
static inline void mc_close_file(FILE **f)
{
	if (*f)
		fclose(*f);
}

#define cleanup_free __attribute__((cleanup(mc_free_ptr)))
#define cleanup_fd __attribute__((cleanup(mc_close_fd)))
#define cleanup_dir __attribute__((cleanup(mc_close_dir)))
#define cleanup_file __attribute__((cleanup(mc_close_file)))

/* Take ownership out of a cleanup variable. */
#define MC_STEAL_FD(fd) ({ int _f = (fd); (fd) = -1; _f; })
#define MC_STEAL_PTR(p) ({ __typeof__(p) _p = (p); (p) = NULL; _p; })

#endif
