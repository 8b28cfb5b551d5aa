/* payload: a small workload for the bats tests.
 *
 *   payload spin SECS        burn CPU for SECS seconds (wall clock)
 *   payload burn SECS        burn SECS seconds of CPU time (however long
 *                            that takes)
 *   payload hog MB [SECS]    allocate and touch MB megabytes, print
 *                            "allocated MB", then sleep SECS (default 600)
 *   payload forkstorm        fork children forever; each child sleeps;
 *                            failed forks (EAGAIN) are retried
 *   payload sleep SECS       sleep SECS seconds
 *   payload procs N [SECS]   fork N children that sleep, print "ready",
 *                            then sleep SECS (default 600)
 *   payload exit N           exit with status N
 *   payload signal N         kill itself with signal N
 *   payload fds              list its open descriptors, "FD TARGET" per line
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static void usage(void)
{
	fputs("Usage: payload spin SECS | burn SECS | hog MB [SECS] | forkstorm | "
	      "sleep SECS | procs N [SECS] | exit N | signal N | fds\n",
	      stderr);
	exit(2);
}

static long number(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		usage();
	return v;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void nap(long secs)
{
	struct timespec ts = { .tv_sec = secs, .tv_nsec = 0 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static int do_spin(long secs)
{
	volatile unsigned long x = 0;
	double end = now() + (double)secs;

	while (now() < end) {
		for (int i = 0; i < 100000; i++)
			x += (unsigned long)i;
	}
	(void)x;	/* only there to keep the cpu busy */
	return 0;
}

static double cputime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int do_burn(long secs)
{
	volatile unsigned long x = 0;

	while (cputime() < (double)secs) {
		for (int i = 0; i < 100000; i++)
			x += (unsigned long)i;
	}
	(void)x;	/* only there to keep the cpu busy */
	return 0;
}

static int do_hog(long mb, long secs)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t chunk = 1024 * 1024;

	if (page <= 0)
		page = 4096;
	for (long i = 0; i < mb; i++) {
		char *p = mmap(NULL, chunk, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			perror("payload: mmap");
			return 1;
		}
		for (size_t off = 0; off < chunk; off += (size_t)page)
			p[off] = (char)(i + 1);
	}
	printf("allocated %ld\n", mb);
	fflush(stdout);
	nap(secs);
	return 0;
}

static int do_forkstorm(void)
{
	for (;;) {
		pid_t pid = fork();

		if (pid == 0) {
			nap(600);
			_exit(0);
		}
		if (pid < 0) {
			/* EAGAIN under a pids limit: back off briefly, retry */
			struct timespec ts = { 0, 1000000 };
			nanosleep(&ts, NULL);
		}
	}
	return 0;
}

static int do_procs(long n, long secs)
{
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("payload: fork");
			return 1;
		}
		if (pid == 0) {
			nap(secs);
			_exit(0);
		}
	}
	printf("ready\n");
	fflush(stdout);
	nap(secs);
	return 0;
}

static int do_signal(long sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigaction((int)sig, &sa, NULL);
	fflush(stdout);
	kill(getpid(), (int)sig);
	/* a signal that does not kill (or is blocked) */
	return 1;
}

static int do_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int self;

	if (!d) {
		perror("payload: /proc/self/fd");
		return 1;
	}
	self = dirfd(d);
	while ((e = readdir(d)) != NULL) {
		char path[300], target[PATH_MAX];
		ssize_t len;

		if (e->d_name[0] == '.' || atoi(e->d_name) == self)
			continue;
		snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
		len = readlink(path, target, sizeof(target) - 1);
		if (len < 0)
			continue;
		target[len] = '\0';
		printf("%s %s\n", e->d_name, target);
	}
	closedir(d);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 2)
		usage();
	cmd = argv[1];
	if (!strcmp(cmd, "spin") && argc == 3)
		return do_spin(number(argv[2]));
	if (!strcmp(cmd, "burn") && argc == 3)
		return do_burn(number(argv[2]));
	if (!strcmp(cmd, "hog") && (argc == 3 || argc == 4))
		return do_hog(number(argv[2]), argc == 4 ? number(argv[3]) : 600);
	if (!strcmp(cmd, "forkstorm") && argc == 2)
		return do_forkstorm();
	if (!strcmp(cmd, "sleep") && argc == 3) {
		nap(number(argv[2]));
		return 0;
	}
	if (!strcmp(cmd, "procs") && (argc == 3 || argc == 4))
		return do_procs(number(argv[2]), argc == 4 ? number(argv[3]) : 600);
	if (!strcmp(cmd, "exit") && argc == 3)
		return (int)(number(argv[2]) & 255);
	if (!strcmp(cmd, "signal") && argc == 3)
		return do_signal(number(argv[2]));
	if (!strcmp(cmd, "fds") && argc == 2)
		return do_fds();
	usage();
	return 2;
}
