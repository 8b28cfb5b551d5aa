#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *check(void *p)
{
	if (!p)
		abort();
	return p;
}

void *xmalloc(size_t size) { return check(malloc(size ? size : 1)); }
void *xzalloc(size_t size) { return check(calloc(1, size ? size : 1)); }
void *xrealloc(void *ptr, size_t size) { return check(realloc(ptr, size ? size : 1)); }
char *xstrdup(const char *s) { return check(strdup(s)); }

char *xvasprintf(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}
