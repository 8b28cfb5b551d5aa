#include "parse.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool id_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '-';
}

/* Names a cgroup directory may not take because the kernel owns them. */
static bool control_file_name(const char *id)
{
	static const char *const prefixes[] = {
		"cgroup.", "cpu.", "cpuacct.", "cpuset.", "memory.", "pids.",
		"freezer.", "blkio.", "io.", "devices.", "hugetlb.", "net_cls.",
		"net_prio.", "perf_event.", "rdma.", "misc.", "irq.",
	};
	static const char *const names[] = {
		"tasks", "notify_on_release", "release_agent",
	};

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(id, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(id, names[i]) == 0)
			return true;
	return false;
}

bool mc_valid_id(const char *id)
{
	size_t len;

	if (!id || !isalnum((unsigned char)id[0]))
		return false;
	for (len = 1; id[len]; len++)
		if (len >= MC_ID_MAX || !id_char(id[len]))
			return false;
	return !control_file_name(id);
}

int mc_parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*out = v;
	return 0;
}

int mc_parse_size(const char *s, uint64_t *out)
{
	uint64_t v = 0, mult = 1;
	const char *p = s;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	switch (toupper((unsigned char)*p)) {
	case 'K': mult = 1ULL << 10; p++; break;
	case 'M': mult = 1ULL << 20; p++; break;
	case 'G': mult = 1ULL << 30; p++; break;
	case 'T': mult = 1ULL << 40; p++; break;
	default: break;
	}
	if (mult > 1 && (strcmp(p, "iB") == 0 || strcmp(p, "B") == 0))
		p += strlen(p);
	else if (mult == 1 && strcmp(p, "B") == 0)
		p++;
	if (*p)
		return -1;
	if (v > UINT64_MAX / mult)
		return -1;
	*out = v * mult;
	return 0;
}

int mc_parse_cpus(const char *s, double *out)
{
	double v = 0, scale = 0.1;
	const char *p = s;
	int digits = 0;

	if (!s)
		return -1;
	for (; isdigit((unsigned char)*p); p++, digits++)
		v = v * 10 + (*p - '0');
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++, digits++, scale /= 10)
			v += (*p - '0') * scale;
	if (*p || digits == 0 || digits > 18 || !(v > 0) || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int mc_parse_seconds(const char *s, double *out)
{
	if (s && strspn(s, "0") == strlen(s) && *s) {
		*out = 0;
		return 0;
	}
	if (s && s[0] == '0' && s[1] == '.' && strspn(s + 2, "0") == strlen(s + 2) && s[2]) {
		*out = 0;
		return 0;
	}
	return mc_parse_cpus(s, out);
}

bool mc_valid_cpu_list(const char *s)
{
	if (!s || !*s)
		return false;
	for (;;) {
		unsigned long lo, hi;
		char *end;

		if (!isdigit((unsigned char)*s))
			return false;
		errno = 0;
		lo = strtoul(s, &end, 10);
		if (errno || lo > 65535)
			return false;
		s = end;
		if (*s == '-') {
			if (!isdigit((unsigned char)*++s))
				return false;
			hi = strtoul(s, &end, 10);
			if (errno || hi > 65535 || hi < lo)
				return false;
			s = end;
		}
		if (*s == '\0')
			return true;
		if (*s++ != ',')
			return false;
	}
}

/* Copy the N bytes at SRC into BUF as a C string; -1 when they do not fit
 * or are none. */
static int copy_token(const char *src, size_t n, char *buf, size_t size)
{
	if (n == 0 || n >= size)
		return -1;
	memcpy(buf, src, n);
	buf[n] = '\0';
	return 0;
}

int mc_stat_lookup(const char *text, const char *key, uint64_t *out)
{
	size_t klen = strlen(key);
	const char *line = text;

	while (line && *line) {
		const char *eol = strchr(line, '\n');

		if (strncmp(line, key, klen) == 0 && line[klen] == ' ') {
			char num[32];
			const char *v = line + klen + 1;

			if (copy_token(v, eol ? (size_t)(eol - v) : strlen(v), num, sizeof(num)) < 0)
				return -1;
			return mc_parse_u64(num, out);
		}
		line = eol ? eol + 1 : NULL;
	}
	return -1;
}

int mc_parse_max(const char *s, uint64_t *out, bool *unlimited)
{
	char num[32];

	if (copy_token(s, strcspn(s, "\n"), num, sizeof(num)) < 0)
		return -1;
	*unlimited = strcmp(num, "max") == 0;
	if (*unlimited) {
		*out = UINT64_MAX;
		return 0;
	}
	return mc_parse_u64(num, out);
}

int mc_parse_pressure(const char *text, const char *kind, double *out)
{
	size_t klen = strlen(kind);

	for (const char *line = text; line && *line;) {
		const char *eol = strchr(line, '\n');

		if (strncmp(line, kind, klen) == 0 && strncmp(line + klen, " avg10=", 7) == 0) {
			char num[16];
			const char *v = line + klen + 7;

			if (copy_token(v, strspn(v, "0123456789."), num, sizeof(num)) < 0)
				return -1;
			return mc_parse_seconds(num, out);
		}
		line = eol ? eol + 1 : NULL;
	}
	return -1;
}

int mc_parse_proc_starttime(const char *stat, uint64_t *out)
{
	const char *p = strrchr(stat, ')');
	char num[32];

	if (!p)
		return -1;
	p++;
	/* After "pid (comm)" the fields are 3..; start time is field 22. */
	for (int field = 2; field < 22; field++) {
		if (*p != ' ')
			return -1;
		p++;
		if (field < 21)
			p += strcspn(p, " ");
	}
	if (copy_token(p, strcspn(p, " \n"), num, sizeof(num)) < 0)
		return -1;
	return mc_parse_u64(num, out);
}

uint64_t mc_cpu_shares(double cpus)
{
	double shares = 1024.0 * cpus;

	if (shares < 2)
		return 2;
	if (shares > 262144)
		return 262144;
	return (uint64_t)shares;
}

/* log2 and 10^e for the weight mapping below, without libm: linking
 * libm for this one function made every program load one more shared
 * object (about 300 KiB of resident memory and 0.1 ms or more per
 * start).  Over the whole domain (shares 0 .. 262144 and beyond) the
 * mapping gives exactly the weights that libm's log2, pow and ceil give;
 * both are within 2e-15 of them. */

/* ln(m) for m in [sqrt(1/2), sqrt(2)]: 2 atanh((m - 1) / (m + 1)). */
static double ln_near_1(double m)
{
	double s = (m - 1) / (m + 1), s2 = s * s, term = s, sum = 0;

	for (int k = 1; k < 48; k += 2) {
		sum += term / k;
		term *= s2;
	}
	return 2 * sum;
}

/* log2(x) for x >= 1, exact for powers of two. */
static double log2_u64(uint64_t x)
{
	int k = 63 - __builtin_clzll(x);
	double m = (double)x / (double)(UINT64_C(1) << k);

	if (m > 1.4142135623730951) {
		m /= 2;
		k++;
	}
	return (double)k + ln_near_1(m) / 0.69314718055994530942;
}

/* 10^e for 0 <= e < 5, exact when e is an integer. */
static double exp10_small(double e)
{
	static const double pow10[] = { 1, 10, 100, 1000, 10000, 100000 };
	int n = (int)e;
	double g = (e - n) * 2.30258509299404568402, sum = 1, term = 1;

	for (int k = 1; k < 40 && term > 1e-300; k++) {
		term *= g / k;
		sum += term;
	}
	return pow10[n] * sum;
}

uint64_t mc_shares_to_weight(uint64_t shares)
{
	double l, w;
	uint64_t c;

	if (shares <= 2)
		return 1;
	if (shares >= 262144)
		return 10000;
	/* crun's mapping: a parabola in log2 space through (2, 1),
	 * (1024, 100) and (262144, 10000), rounded up. */
	l = log2_u64(shares);
	w = exp10_small((l * l + 125 * l) / 612.0 - 7.0 / 34.0);
	c = (uint64_t)w;
	return c + ((double)c < w);
}

uint64_t mc_cfs_quota(double cpus)
{
	double quota = MC_CFS_PERIOD_US * cpus;

	if (quota < 1000)
		return 1000;
	if (quota > 1e15)
		return (uint64_t)1e15;
	return (uint64_t)quota;
}
