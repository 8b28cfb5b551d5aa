/* Shared by the libFuzzer targets t/fuzz/fuzz-*.c: the parsers of common/
 * take C strings, so each input is handed over as a NUL-terminated copy
 * of exactly its bytes (an overread past the end is caught by ASan). */
#ifndef MC_FUZZ_H
#define MC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* An invariant of the parser's result: a violation is a crash. */
#define FUZZ_CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: check failed: %s\n", \
				__FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

#endif
