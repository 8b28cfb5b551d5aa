/* --seccomp default|none|FILE, with libseccomp.
 *
 * Profile file format
 * -------------------
 * A profile is a text file, one directive per line.  Everything from a
 * '#' to the end of its line is a comment; blank lines are ignored; words
 * are separated by spaces or tabs.
 *
 * The first directive says what happens to a syscall no later line names:
 *
 *     default allow          the syscall runs
 *     default deny           it fails with EPERM
 *     default errno ERRNO    it fails with ERRNO
 *     default kill           the process is killed (by SIGSYS)
 *
 * Then, one per line, the exceptions:
 *
 *     allow SYSCALL          the syscall runs
 *     deny SYSCALL           it fails with EPERM
 *     errno SYSCALL ERRNO    it fails with ERRNO
 *     kill SYSCALL           the process is killed
 *
 * SYSCALL is a name as in syscalls(2) ("openat", "clock_settime").  ERRNO
 * is a number from 1 to 4095 or a name such as EPERM, EACCES or ENOSYS.  A
 * name libseccomp knows but the machine's native ABI lacks ("vm86" on
 * x86_64) is accepted and applies where the syscall exists (there, to
 * 32-bit programs), so one profile serves several machines; a name
 * libseccomp does not know at all is an error.  Naming a syscall twice
 * with different actions is an error.
 *
 * Unless the profile names them itself, execve, exit and exit_group are
 * allowed whatever the default, so that the command can be started and a
 * failure to start it can end the executor.  The rules cover the
 * machine's native ABI and the 32-bit ones it runs (x86 and x32 on
 * x86_64, arm on aarch64), by name; a syscall made through any other ABI
 * kills the process.
 *
 * Example:
 *
 *     # no clock changes, no mounts, everything else allowed
 *     default allow
 *     deny clock_settime
 *     deny settimeofday
 *     errno mount EACCES
 *
 * An invalid profile is a usage error naming the file and the line:
 * "mc-launch: --seccomp: FILE:LINE: unknown syscall 'foo'".
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec-seccomp.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanup.h"
#include "xalloc.h"

#define MAX_PROFILE_SIZE ((size_t)1 << 20)
#define MAX_ERRNO 4095

/* What the default profile denies, as the default profiles of Docker,
 * podman and containerd do for a container without CAP_SYS_ADMIN and the
 * like: loading code into the kernel, rebooting it, changing its clock,
 * its swap, its keyrings, tracing and inspecting other processes, obsolete
 * syscalls with a history of holes, and leaving or making namespaces. */
static const char *const default_denied[] = {
	"_sysctl", "acct", "add_key", "adjtimex", "bpf", "clock_adjtime",
	"clock_settime", "create_module", "delete_module", "finit_module",
	"get_kernel_syms", "init_module", "ioperm", "iopl", "kexec_file_load",
	"kexec_load", "keyctl", "lookup_dcookie", "name_to_handle_at",
	"nfsservctl", "open_by_handle_at", "perf_event_open",
	"process_vm_readv", "process_vm_writev", "ptrace", "query_module",
	"quotactl", "quotactl_fd", "reboot", "request_key", "setns",
	"settimeofday", "stime", "swapoff", "swapon", "sysfs", "syslog",
	"unshare", "uselib", "userfaultfd", "ustat", "vhangup", "vm86",
	"vm86old",
};

/* Denied too, unless the executor has a mount namespace of its own. */
static const char *const default_mount[] = {
	"mount", "umount", "umount2", "pivot_root", "fsopen", "fsconfig",
	"fsmount", "fspick", "move_mount", "open_tree", "mount_setattr",
};

/* Always allowed unless a profile names them. */
static const char *const needed[] = { "execve", "exit", "exit_group" };

#define N(a) (sizeof(a) / sizeof((a)[0]))

void mc_exec_seccomp_free(struct mc_seccomp_profile *profile)
{
	if (!profile)
		return;
	free(profile->rules);
	free(profile);
}

static void free_profile(struct mc_seccomp_profile **p)
{
	mc_exec_seccomp_free(*p);
}

static void add_rule(struct mc_seccomp_profile *p, int nr,
		     enum mc_seccomp_action action, int errnum, unsigned line)
{
	p->rules = xrealloc(p->rules, sizeof(*p->rules) * (p->n + 1));
	p->rules[p->n].nr = nr;
	p->rules[p->n].action = action;
	p->rules[p->n].errnum = errnum;
	p->rules[p->n].line = line;
	p->n++;
}

static void add_names(struct mc_seccomp_profile *p, const char *const *names,
		      size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int nr = seccomp_syscall_resolve_name(names[i]);

		if (nr != __NR_SCMP_ERROR)
			add_rule(p, nr, MC_SECCOMP_ERRNO, EPERM, 0);
	}
}

struct mc_seccomp_profile *mc_exec_seccomp_default(int own_mount_ns)
{
	struct mc_seccomp_profile *p = xzalloc(sizeof(*p));

	p->def = MC_SECCOMP_ALLOW;
	p->deny_new_namespaces = 1;
	add_names(p, default_denied, N(default_denied));
	if (!own_mount_ns)
		add_names(p, default_mount, N(default_mount));
	return p;
}

/* The words of one line. */
struct words {
	size_t n;
	const char *w[4];
	size_t len[4];
};

/* An ERRNO: 1..4095 or a name strerrorname_np() knows. */
static int parse_errno(const char *s, size_t len)
{
	char buf[32];
	int e;

	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (buf[0] >= '0' && buf[0] <= '9') {
		char *end;
		long v = strtol(buf, &end, 10);

		return *end || v < 1 || v > MAX_ERRNO ? -1 : (int)v;
	}
	for (e = 1; e <= MAX_ERRNO; e++) {
		const char *name = strerrorname_np(e);

		if (name && strcmp(name, buf) == 0)
			return e;
	}
	return -1;
}

/* The action word w[kw]; an ERRNO, if it takes one, is w[arg], and
 * nothing may follow. */
static int parse_action(const struct words *w, size_t kw, size_t arg,
			const char *name, unsigned line,
			enum mc_seccomp_action *action, int *errnum,
			mc_error_t *err)
{
	const char *k = w->w[kw];
	size_t klen = w->len[kw];
	size_t want = arg;	/* number of words the line should have */

#define IS(s) (klen == strlen(s) && strncmp(k, s, klen) == 0)
	if (IS("allow")) {
		*action = MC_SECCOMP_ALLOW;
	} else if (IS("deny")) {
		*action = MC_SECCOMP_ERRNO;
		*errnum = EPERM;
	} else if (IS("kill")) {
		*action = MC_SECCOMP_KILL;
	} else if (IS("errno")) {
		*action = MC_SECCOMP_ERRNO;
		want = arg + 1;
		if (w->n < want)
			return mc_fail(err, MC_EXIT_USAGE, 0,
				       "%s:%u: 'errno' needs an ERRNO", name, line);
		*errnum = parse_errno(w->w[arg], w->len[arg]);
		if (*errnum < 0)
			return mc_fail(err, MC_EXIT_USAGE, 0,
				       "%s:%u: bad errno '%.*s' (1-4095 or a name like EPERM)",
				       name, line, MC_QUOTED(w->len[arg]), w->w[arg]);
	} else {
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "%s:%u: unknown directive '%.*s' (allow, deny, errno, kill)",
			       name, line, MC_QUOTED(klen), k);
	}
#undef IS
	if (w->n > want)
		return mc_fail(err, MC_EXIT_USAGE, 0, "%s:%u: unexpected '%.*s'",
			       name, line, MC_QUOTED(w->len[want]), w->w[want]);
	return 0;
}

/* Split [s, s+len) into at most 4 words; a fifth makes n 5. */
static void split_words(const char *s, size_t len, struct words *w)
{
	size_t i = 0;

	w->n = 0;
	while (i < len) {
		size_t start;

		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			i++;
		if (w->n == N(w->w)) {
			w->n++;
			return;
		}
		w->w[w->n] = s + start;
		w->len[w->n] = i - start;
		w->n++;
	}
}

static int parse_line(struct mc_seccomp_profile *p, int *have_default,
		      const char *s, size_t len, const char *name,
		      unsigned line, mc_error_t *err)
{
	enum mc_seccomp_action action = MC_SECCOMP_ALLOW;
	char sysname[64];
	int errnum = 0, nr;
	struct words w;
	size_t i;

	split_words(s, len, &w);
	if (w.n == 0)
		return 0;
	if (w.n > 4)
		return mc_fail(err, MC_EXIT_USAGE, 0, "%s:%u: too many words",
			       name, line);
	if (w.len[0] == 7 && strncmp(w.w[0], "default", 7) == 0) {
		if (*have_default)
			return mc_fail(err, MC_EXIT_USAGE, 0,
				       "%s:%u: a second 'default' line", name, line);
		if (w.n < 2)
			return mc_fail(err, MC_EXIT_USAGE, 0,
				       "%s:%u: 'default' needs allow, deny, errno ERRNO or kill",
				       name, line);
		if (parse_action(&w, 1, 2, name, line, &p->def,
				 &p->def_errnum, err) < 0)
			return -1;
		*have_default = 1;
		return 0;
	}
	if (!*have_default)
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "%s:%u: expected 'default allow', 'default deny' or 'default kill' first",
			       name, line);
	if (w.n < 2)
		return mc_fail(err, MC_EXIT_USAGE, 0, "%s:%u: '%.*s' needs a syscall name",
			       name, line, MC_QUOTED(w.len[0]), w.w[0]);
	if (parse_action(&w, 0, 2, name, line, &action, &errnum, err) < 0)
		return -1;
	if (w.len[1] >= sizeof(sysname))
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "%s:%u: unknown syscall '%.*s...'", name, line, 32, w.w[1]);
	memcpy(sysname, w.w[1], w.len[1]);
	sysname[w.len[1]] = '\0';
	nr = seccomp_syscall_resolve_name(sysname);
	if (nr == __NR_SCMP_ERROR)
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "%s:%u: unknown syscall '%.80s'", name, line, sysname);
	for (i = 0; i < p->n; i++) {
		if (p->rules[i].nr != nr)
			continue;
		if (p->rules[i].action == action &&
		    (action != MC_SECCOMP_ERRNO || p->rules[i].errnum == errnum))
			return 0; /* said twice: once is enough */
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "%s:%u: '%.80s' already has another rule (line %u)",
			       name, line, sysname, p->rules[i].line);
	}
	add_rule(p, nr, action, errnum, line);
	return 0;
}

int mc_exec_seccomp_parse(const char *text, size_t len, const char *name,
			  struct mc_seccomp_profile **out, mc_error_t *err)
{
	__attribute__((cleanup(free_profile))) struct mc_seccomp_profile *p =
		xzalloc(sizeof(*p));
	int have_default = 0;
	unsigned line = 0;
	size_t pos = 0;

	while (pos < len) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t linelen = nl ? (size_t)(nl - s) : len - pos;
		const char *hash = memchr(s, '#', linelen);
		size_t uselen = hash ? (size_t)(hash - s) : linelen;

		line++;
		pos += linelen + (nl ? 1 : 0);
		if (memchr(s, '\0', linelen))
			return mc_fail(err, MC_EXIT_USAGE, 0,
				       "%s:%u: NUL byte in a text file", name, line);
		if (parse_line(p, &have_default, s, uselen, name, line, err) < 0)
			return -1;
	}
	if (!have_default)
		return mc_fail(err, MC_EXIT_USAGE, 0,
			       "%s: no 'default' line (the first directive must say "
			       "'default allow', 'default deny' or 'default kill')", name);
	*out = MC_STEAL_PTR(p);
	return 0;
}

int mc_exec_seccomp_read(const char *path, struct mc_seccomp_profile **out,
			 mc_error_t *err)
{
	cleanup_fd int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	cleanup_free char *buf = NULL;
	size_t len = 0;

	if (fd < 0)
		return mc_fail(err, MC_EXIT_USAGE, errno, "%.200s", path);
	buf = xmalloc(MAX_PROFILE_SIZE + 1);
	for (;;) {
		ssize_t r = read(fd, buf + len, MAX_PROFILE_SIZE + 1 - len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return mc_fail(err, MC_EXIT_USAGE, errno, "%.200s", path);
		if (r == 0)
			break;
		len += (size_t)r;
		if (len > MAX_PROFILE_SIZE)
			return mc_fail(err, MC_EXIT_USAGE, 0,
				       "%s: larger than %zu bytes", path,
				       MAX_PROFILE_SIZE);
	}
	return mc_exec_seccomp_parse(buf, len, path, out, err);
}

static uint32_t to_scmp(enum mc_seccomp_action action, int errnum)
{
	switch (action) {
	case MC_SECCOMP_ALLOW:
		return SCMP_ACT_ALLOW;
	case MC_SECCOMP_KILL:
		return SCMP_ACT_KILL_PROCESS;
	case MC_SECCOMP_ERRNO:
	default:
		return SCMP_ACT_ERRNO((uint16_t)errnum);
	}
}

static void release_ctx(scmp_filter_ctx *ctx)
{
	if (*ctx)
		seccomp_release(*ctx);
}

/* The other ABIs whose programs this machine runs: the rules, which
 * libseccomp translates by syscall name, cover them too. */
static int add_compat_arches(scmp_filter_ctx ctx)
{
	static const uint32_t arches[] = {
#if defined(__x86_64__)
		SCMP_ARCH_X86, SCMP_ARCH_X32,
#elif defined(__aarch64__)
		SCMP_ARCH_ARM,
#endif
		0,
	};
	size_t i;

	for (i = 0; arches[i]; i++) {
		int rc = seccomp_arch_add(ctx, arches[i]);

		if (rc < 0 && rc != -EEXIST)
			return rc;
	}
	return 0;
}

static int names(const struct mc_seccomp_profile *p, int nr)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->rules[i].nr == nr)
			return 1;
	return 0;
}

/* clone(2) with any CLONE_NEW* flag fails with EPERM; clone3(2), whose
 * flags live in memory a filter cannot read, fails with ENOSYS, which the
 * C library takes as "use clone()". */
static int deny_new_namespaces(scmp_filter_ctx ctx)
{
	static const uint64_t ns_flags[] = {
		CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER,
		CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWCGROUP,
	};
	/* clone's flags are its first argument, except on s390 */
#if defined(__s390__) || defined(__s390x__)
	const unsigned int arg = 1;
#else
	const unsigned int arg = 0;
#endif
	size_t i;
	int rc;

	for (i = 0; i < N(ns_flags); i++) {
		struct scmp_arg_cmp cmp = {
			.arg = arg, .op = SCMP_CMP_MASKED_EQ,
			.datum_a = ns_flags[i], .datum_b = ns_flags[i],
		};

		rc = seccomp_rule_add_array(ctx, SCMP_ACT_ERRNO(EPERM),
					    SCMP_SYS(clone), 1, &cmp);
		if (rc < 0)
			return rc;
	}
	rc = seccomp_syscall_resolve_name("clone3");
	if (rc != __NR_SCMP_ERROR)
		return seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), rc, 0);
	return 0;
}

int mc_exec_seccomp_load(const struct mc_seccomp_profile *p, mc_error_t *err)
{
	__attribute__((cleanup(release_ctx))) scmp_filter_ctx ctx =
		seccomp_init(to_scmp(p->def, p->def_errnum));
	size_t i;
	int rc;

	if (!ctx)
		return mc_fail(err, MC_EXIT_FAIL, 0, "seccomp_init failed");
	/* real errno values back from the kernel, no_new_privs only when
	 * the kernel insists (see below), and death for a syscall made
	 * through an ABI the rules do not cover */
	if (seccomp_attr_set(ctx, SCMP_FLTATR_API_SYSRAWRC, 1) < 0 ||
	    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0) < 0 ||
	    seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS) < 0)
		return mc_fail(err, MC_EXIT_FAIL, 0, "seccomp_attr_set failed");
	rc = add_compat_arches(ctx);
	if (rc < 0)
		return mc_fail(err, MC_EXIT_FAIL, -rc, "adding the 32-bit ABIs");
	for (i = 0; i < p->n; i++) {
		const struct mc_seccomp_rule *r = &p->rules[i];

		/* libseccomp refuses a rule that repeats the default */
		if (r->action == p->def &&
		    (r->action != MC_SECCOMP_ERRNO || r->errnum == p->def_errnum))
			continue;
		rc = seccomp_rule_add(ctx, to_scmp(r->action, r->errnum), r->nr, 0);
		if (rc < 0) {
			cleanup_free char *name =
				seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, r->nr);

			return mc_fail(err, MC_EXIT_FAIL, -rc, "adding the rule for %s",
				       name ? name : "a syscall");
		}
	}
	if (p->def != MC_SECCOMP_ALLOW)
		for (i = 0; i < N(needed); i++) {
			int nr = seccomp_syscall_resolve_name(needed[i]);

			if (nr == __NR_SCMP_ERROR || names(p, nr))
				continue;
			rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
			if (rc < 0)
				return mc_fail(err, MC_EXIT_FAIL, -rc,
					       "allowing %s", needed[i]);
		}
	if (p->deny_new_namespaces) {
		rc = deny_new_namespaces(ctx);
		if (rc < 0)
			return mc_fail(err, MC_EXIT_FAIL, -rc,
				       "adding the namespace rules");
	}
	/* Safe either way: a filter only ever takes syscalls away.  With
	 * CAP_SYS_ADMIN the kernel takes it as is; without it, only from a
	 * process with no_new_privs, which is then set (it too only takes
	 * privileges away: no setuid or file capabilities at execve). */
	rc = seccomp_load(ctx);
	if (rc == -EACCES) {
		if (seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 1) < 0)
			return mc_fail(err, MC_EXIT_FAIL, 0,
				       "seccomp_attr_set failed");
		rc = seccomp_load(ctx);
	}
	if (rc < 0)
		return mc_fail(err, MC_EXIT_FAIL, -rc, "loading the filter");
	return 0;
}
