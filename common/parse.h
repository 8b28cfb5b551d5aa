/* Pure parsers for what users and the kernel hand us.  No I/O, no
 * allocation unless stated, so each can be unit-tested and fuzzed. */
#ifndef MC_PARSE_H
#define MC_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MC_ID_MAX 64

/* A container ID or cgroup root name: [A-Za-z0-9][A-Za-z0-9_.-]{0,63},
 * and not a cgroup control file name (cgroup.procs, tasks, memory.max...),
 * which would collide with the kernel's files in the parent cgroup. */
bool mc_valid_id(const char *id);

/* SIZE: decimal bytes or with a K/M/G/T suffix (powers of 1024, an optional
 * trailing "B" or "iB").  Returns 0 or -1 on bad syntax or overflow. */
int mc_parse_size(const char *s, uint64_t *out);

/* A positive decimal number such as "0.5" or "2" (no exponent, no sign). */
int mc_parse_cpus(const char *s, double *out);

/* Seconds for a timeout: like mc_parse_cpus, but 0 is allowed. */
int mc_parse_seconds(const char *s, double *out);

/* A decimal unsigned integer without sign or suffix. */
int mc_parse_u64(const char *s, uint64_t *out);

/* A cpu list as cpuset.cpus takes it: "0-3,5,7-8". */
bool mc_valid_cpu_list(const char *s);

/* Find KEY in "key value\n" text (cgroup stat files) with an exact key
 * match, and parse its unsigned value.  Returns 0, or -1 when absent or
 * malformed. */
int mc_stat_lookup(const char *text, const char *key, uint64_t *out);

/* The value of a flat keyed file's KEY when it is "max" or a number:
 * sets *unlimited for "max". */
int mc_parse_max(const char *s, uint64_t *out, bool *unlimited);

/* The avg10 figure of the "some" or "full" line (KIND) of a PSI file. */
int mc_parse_pressure(const char *text, const char *kind, double *out);

/* /proc/PID/stat: the process start time (field 22), parsed past the last
 * ')' so a command name holding spaces or parentheses cannot shift it. */
int mc_parse_proc_starttime(const char *stat, uint64_t *out);

/* v1 cpu.shares for --cpus N: max(1024*N, 2), capped at the kernel's
 * 262144. */
uint64_t mc_cpu_shares(double cpus);
/* v2 cpu.weight from v1 shares, crun's log2 mapping: 2 -> 1, 1024 -> 100,
 * 262144 -> 10000. */
uint64_t mc_shares_to_weight(uint64_t shares);
/* CFS quota in microseconds for --cpu-limit N over a 100 ms period. */
uint64_t mc_cfs_quota(double cpus);

#define MC_CFS_PERIOD_US 100000

#endif
