/* A minimal TAP producer for the C unit tests. */
#ifndef MC_TAP_H
#define MC_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

#define ok(cond, ...) do { \
	int _ok = !!(cond); \
	printf("%sok %d - ", _ok ? "" : "not ", ++tap_count); \
	printf(__VA_ARGS__); \
	printf("\n"); \
	if (!_ok) { \
		tap_failed++; \
		printf("#   failed at %s:%d\n", __FILE__, __LINE__); \
	} \
} while (0)

#define is_int(got, want, ...) do { \
	long long _g = (got), _w = (want); \
	ok(_g == _w, __VA_ARGS__); \
	if (_g != _w) \
		printf("#   got %lld, want %lld\n", _g, _w); \
} while (0)

#define is_str(got, want, ...) do { \
	const char *_g = (got), *_w = (want); \
	int _same = (_g && _w) ? strcmp(_g, _w) == 0 : _g == _w; \
	ok(_same, __VA_ARGS__); \
	if (!_same) \
		printf("#   got '%s', want '%s'\n", _g ? _g : "(null)", _w ? _w : "(null)"); \
} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
