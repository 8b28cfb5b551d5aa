/* Unit tests of the launch options' pure parsers (common/execopts.c and
 * common/exec-*.c), and of the option errors mc-launch reports. */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <seccomp.h>

#include "error.h"
#include "exec-caps.h"
#include "exec-env.h"
#include "exec-ns.h"
#include "exec-rlimit.h"
#include "exec-seccomp.h"
#include "exec-user.h"
#include "execopts.h"
#include "tap.h"

/* The message of the error in *err (or NULL), which is then freed; the
 * status goes to *status. */
static char msgbuf[1024];
static const char *take(mc_error_t *err, int *status)
{
	if (!*err) {
		*status = 0;
		return NULL;
	}
	*status = (*err)->status;
	snprintf(msgbuf, sizeof(msgbuf), "%s", (*err)->msg);
	mc_error_free(err);
	return msgbuf;
}

static void test_ns(void)
{
	mc_error_t err = NULL;
	int flags = 0, st;

	is_int(mc_exec_ns_parse("pid", &flags, &err), 0, "ns: pid");
	is_int(flags, CLONE_NEWPID, "ns: pid flag");
	is_int(mc_exec_ns_parse("net,ipc,uts,mount,pid", &flags, &err), 0,
	       "ns: all five in any order");
	is_int(flags, CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC |
		      CLONE_NEWNET, "ns: all five flags");
	is_int(mc_exec_ns_parse("mount,mount", &flags, &err), 0, "ns: repeated name");
	is_int(flags, CLONE_NEWNS, "ns: repeated name flag");

	is_int(mc_exec_ns_parse("pid,user", &flags, &err), -1, "ns: unknown name");
	is_str(take(&err, &st),
	       "unknown namespace 'user' (known: pid, mount, uts, ipc, net)",
	       "ns: unknown name message");
	is_int(st, MC_EXIT_USAGE, "ns: unknown name is a usage error");
	is_int(mc_exec_ns_parse("", &flags, &err), -1, "ns: empty list");
	is_str(take(&err, &st), "empty namespace name in ''", "ns: empty list message");
	is_int(mc_exec_ns_parse("pid,", &flags, &err), -1, "ns: trailing comma");
	take(&err, &st);
	is_int(mc_exec_ns_parse("PID", &flags, &err), -1, "ns: names are lower case");
	take(&err, &st);
}

static void test_rlimit(void)
{
	struct mc_exec_rlimit r;
	mc_error_t err = NULL;
	int st;

	is_int(mc_exec_rlimit_parse("nofile=1024", &r, &err), 0, "rlimit: nofile=1024");
	is_int(r.resource, RLIMIT_NOFILE, "rlimit: nofile resource");
	is_int(r.lim.rlim_cur, 1024, "rlimit: soft");
	is_int(r.lim.rlim_max, 1024, "rlimit: hard defaults to soft");
	is_int(mc_exec_rlimit_parse("nproc=10:20", &r, &err), 0, "rlimit: nproc=10:20");
	is_int(r.resource, RLIMIT_NPROC, "rlimit: nproc resource");
	is_int(r.lim.rlim_cur, 10, "rlimit: soft 10");
	is_int(r.lim.rlim_max, 20, "rlimit: hard 20");
	is_int(mc_exec_rlimit_parse("core=unlimited", &r, &err), 0, "rlimit: core=unlimited");
	ok(r.lim.rlim_cur == RLIM_INFINITY && r.lim.rlim_max == RLIM_INFINITY,
	   "rlimit: unlimited is RLIM_INFINITY");
	is_int(mc_exec_rlimit_parse("stack=8388608:unlimited", &r, &err), 0,
	       "rlimit: number below unlimited");
	ok(r.lim.rlim_max == RLIM_INFINITY, "rlimit: hard unlimited");
	is_int(mc_exec_rlimit_parse("MemLock=0", &r, &err), 0, "rlimit: any case");
	is_int(r.resource, RLIMIT_MEMLOCK, "rlimit: memlock");
	{
		static const char *const names[] = {
			"nofile", "nproc", "core", "as", "cpu", "fsize", "memlock",
			"stack", "data", "rss", "msgqueue", "nice", "rtprio",
			"sigpending", "locks",
		};
		size_t i;
		int good = 1;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			char spec[64];

			snprintf(spec, sizeof(spec), "%s=1", names[i]);
			if (mc_exec_rlimit_parse(spec, &r, &err) < 0 ||
			    strcmp(mc_exec_rlimit_name(r.resource), names[i]) != 0) {
				good = 0;
				take(&err, &st);
			}
		}
		ok(good, "rlimit: all fifteen names");
	}

	is_int(mc_exec_rlimit_parse("nofile=10:5", &r, &err), -1, "rlimit: soft > hard");
	is_str(take(&err, &st), "nofile: soft limit above the hard limit",
	       "rlimit: soft > hard message");
	is_int(st, MC_EXIT_USAGE, "rlimit: soft > hard is a usage error");
	is_int(mc_exec_rlimit_parse("core=unlimited:0", &r, &err), -1,
	       "rlimit: unlimited soft over a number");
	take(&err, &st);
	is_int(mc_exec_rlimit_parse("nofile", &r, &err), -1, "rlimit: no '='");
	is_str(take(&err, &st), "expected NAME=SOFT[:HARD], got 'nofile'",
	       "rlimit: no '=' message");
	is_int(mc_exec_rlimit_parse("files=1", &r, &err), -1, "rlimit: unknown name");
	is_str(take(&err, &st), "unknown resource 'files'", "rlimit: unknown name message");
	is_int(mc_exec_rlimit_parse("nofile=", &r, &err), -1, "rlimit: empty value");
	take(&err, &st);
	is_int(mc_exec_rlimit_parse("nofile=-1", &r, &err), -1, "rlimit: negative");
	is_str(take(&err, &st), "nofile: bad soft limit '-1' (a number or 'unlimited')",
	       "rlimit: negative message");
	is_int(mc_exec_rlimit_parse("nofile=1:", &r, &err), -1, "rlimit: empty hard");
	is_str(take(&err, &st), "nofile: bad hard limit '' (a number or 'unlimited')",
	       "rlimit: empty hard message");
	is_int(mc_exec_rlimit_parse("nofile=1:2:3", &r, &err), -1, "rlimit: three values");
	take(&err, &st);
	is_int(mc_exec_rlimit_parse("nofile=1k", &r, &err), -1, "rlimit: no suffixes");
	take(&err, &st);
	is_int(mc_exec_rlimit_parse("nofile=99999999999999999999999", &r, &err), -1,
	       "rlimit: overflow");
	take(&err, &st);
}

static void test_caps(void)
{
	mc_error_t err = NULL;
	uint64_t keep = 1;
	int st;

	is_int(mc_exec_caps_parse("cap_net_bind_service", &keep, &err), 0,
	       "caps: cap_net_bind_service");
	is_int(keep, UINT64_C(1) << 10, "caps: bit 10");
	is_int(mc_exec_caps_parse("net_bind_service,CHOWN,Cap_Kill", &keep, &err), 0,
	       "caps: without prefix, any case");
	is_int(keep, (UINT64_C(1) << 10) | (UINT64_C(1) << 0) | (UINT64_C(1) << 5),
	       "caps: three bits");
	is_int(mc_exec_caps_parse("none", &keep, &err), 0, "caps: none");
	is_int(keep, 0, "caps: none is empty");
	is_int(mc_exec_caps_parse("NONE", &keep, &err), 0, "caps: NONE");

	is_int(mc_exec_caps_parse("cap_foo", &keep, &err), -1, "caps: unknown");
	is_str(take(&err, &st), "unknown capability 'cap_foo'", "caps: unknown message");
	is_int(st, MC_EXIT_USAGE, "caps: unknown is a usage error");
	is_int(mc_exec_caps_parse("chown,", &keep, &err), -1, "caps: trailing comma");
	is_str(take(&err, &st), "empty capability name in 'chown,'",
	       "caps: trailing comma message");
	is_int(mc_exec_caps_parse("", &keep, &err), -1, "caps: empty");
	take(&err, &st);
	is_int(mc_exec_caps_parse("chown,none", &keep, &err), -1, "caps: none with others");
	is_str(take(&err, &st), "'none' cannot be combined with capabilities",
	       "caps: none with others message");
	is_int(mc_exec_caps_parse("12", &keep, &err), -1, "caps: numbers are not names");
	take(&err, &st);
}

static void test_env(void)
{
	mc_error_t err = NULL;
	int st;

	is_int(mc_exec_env_check("K=V", &err), 0, "env: K=V");
	is_int(mc_exec_env_check("K=", &err), 0, "env: empty value");
	is_int(mc_exec_env_check("K=a=b", &err), 0, "env: '=' in the value");
	is_int(mc_exec_env_check("=V", &err), -1, "env: empty name");
	is_str(take(&err, &st), "empty variable name in '=V'", "env: empty name message");
	is_int(st, MC_EXIT_USAGE, "env: empty name is a usage error");
	is_int(mc_exec_env_check("K", &err), -1, "env: no '='");
	is_str(take(&err, &st), "expected K=V, got 'K'", "env: no '=' message");
}

static void test_user(void)
{
	struct mc_exec_user u;
	mc_error_t err = NULL;
	int st;

	is_int(mc_exec_user_resolve("root", &u, &err), 0, "user: root");
	ok(u.uid == 0 && u.gid == 0, "user: root is 0:0");
	mc_exec_user_clear(&u);
	is_int(mc_exec_user_resolve("0", &u, &err), 0, "user: 0");
	ok(u.uid == 0 && u.gid == 0 && u.ngroups >= 1, "user: 0 has root's entry");
	mc_exec_user_clear(&u);
	is_int(mc_exec_user_resolve("root:12", &u, &err), 0, "user: root:12");
	ok(u.uid == 0 && u.gid == 12, "user: numeric group");
	mc_exec_user_clear(&u);
	is_int(mc_exec_user_resolve("4000123", &u, &err), 0,
	       "user: numeric uid without an entry");
	ok(u.uid == 4000123 && u.gid == 4000123 && u.ngroups == 0,
	   "user: its gid is the same number, no supplementary groups");
	mc_exec_user_clear(&u);
	is_int(mc_exec_user_resolve("4000123:root", &u, &err), 0,
	       "user: numeric uid, named group");
	ok(u.uid == 4000123 && u.gid == 0, "user: group by name");
	mc_exec_user_clear(&u);

	is_int(mc_exec_user_resolve("no-such-user-mc", &u, &err), -1, "user: unknown");
	is_str(take(&err, &st), "no such user: no-such-user-mc", "user: unknown message");
	is_int(st, MC_EXIT_USAGE, "user: unknown is a usage error");
	is_int(mc_exec_user_resolve("root:no-such-group-mc", &u, &err), -1,
	       "user: unknown group");
	is_str(take(&err, &st), "no such group: no-such-group-mc",
	       "user: unknown group message");
	is_int(mc_exec_user_resolve(":0", &u, &err), -1, "user: empty user");
	take(&err, &st);
	is_int(mc_exec_user_resolve("root:", &u, &err), -1, "user: empty group");
	take(&err, &st);
	is_int(mc_exec_user_resolve("4294967295", &u, &err), -1, "user: uid -1");
	take(&err, &st);
}

static const struct mc_seccomp_rule *rule_for(const struct mc_seccomp_profile *p,
					      const char *name)
{
	int nr = seccomp_syscall_resolve_name(name);
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->rules[i].nr == nr)
			return &p->rules[i];
	return NULL;
}

/* Parse text and return the error message (NULL on success). */
static const char *profile_error(const char *text)
{
	struct mc_seccomp_profile *p = NULL;
	mc_error_t err = NULL;
	int st;

	if (mc_exec_seccomp_parse(text, strlen(text), "prof", &p, &err) == 0) {
		mc_exec_seccomp_free(p);
		return NULL;
	}
	take(&err, &st);
	return st == MC_EXIT_USAGE ? msgbuf : "(not a usage error)";
}

static void test_seccomp(void)
{
	static const char good[] =
		"# a profile\n"
		"\n"
		"  default   allow   # trailing comment\n"
		"deny mount\n"
		"errno swapon EACCES\n"
		"errno swapoff 38\r\n"
		"kill reboot\n"
		"\tallow read\n"
		"deny mount\n"		/* said twice: fine */
		"deny vm86";		/* another arch's syscall, no newline */
	struct mc_seccomp_profile *p = NULL;
	const struct mc_seccomp_rule *r;
	mc_error_t err = NULL;
	int st;

	is_int(mc_exec_seccomp_parse(good, strlen(good), "good", &p, &err), 0,
	       "seccomp: a good profile parses");
	if (!p)
		p = mc_exec_seccomp_default(0);	/* keep going */
	is_int(p->def, MC_SECCOMP_ALLOW, "seccomp: default allow");
	is_int(p->n, 6, "seccomp: six rules");
	r = rule_for(p, "mount");
	ok(r && r->action == MC_SECCOMP_ERRNO && r->errnum == EPERM && r->line == 4,
	   "seccomp: deny is EPERM, line 4");
	r = rule_for(p, "swapon");
	ok(r && r->action == MC_SECCOMP_ERRNO && r->errnum == EACCES,
	   "seccomp: errno by name");
	r = rule_for(p, "swapoff");
	ok(r && r->action == MC_SECCOMP_ERRNO && r->errnum == 38 && r->line == 6,
	   "seccomp: errno by number, CRLF line");
	r = rule_for(p, "reboot");
	ok(r && r->action == MC_SECCOMP_KILL, "seccomp: kill");
	r = rule_for(p, "read");
	ok(r && r->action == MC_SECCOMP_ALLOW && r->line == 8, "seccomp: allow");
	r = rule_for(p, "vm86");
	ok(r && r->line == 10, "seccomp: a syscall of another arch is accepted");
	ok(!p->deny_new_namespaces, "seccomp: a file has no namespace rules");
	mc_exec_seccomp_free(p);
	p = NULL;

	/* the text need not be NUL-terminated: only len bytes count */
	is_int(mc_exec_seccomp_parse("default deny\nallow readXX", 23, "n", &p, &err),
	       0, "seccomp: only len bytes are read");
	ok(p && p->def == MC_SECCOMP_ERRNO && p->def_errnum == EPERM && p->n == 1 &&
	   rule_for(p, "read"), "seccomp: default deny, allow read");
	mc_exec_seccomp_free(p);
	p = NULL;
	is_str(profile_error("default kill\n"), NULL, "seccomp: default kill");
	is_str(profile_error("default errno ENOSYS\n"), NULL, "seccomp: default errno");

	is_str(profile_error("default allow\nallow foo\n"),
	       "prof:2: unknown syscall 'foo'", "seccomp: unknown syscall, line 2");
	is_str(profile_error("# c\n\ndefault deny\n\n# c\nallow read\nallow bogus_call\n"),
	       "prof:7: unknown syscall 'bogus_call'", "seccomp: line numbers count comments");
	is_str(profile_error("allow read\ndefault allow\n"),
	       "prof:1: expected 'default allow', 'default deny' or 'default kill' first",
	       "seccomp: a rule before the default");
	is_str(profile_error("# nothing\n\n"),
	       "prof: no 'default' line (the first directive must say "
	       "'default allow', 'default deny' or 'default kill')",
	       "seccomp: no default line");
	is_str(profile_error(""),
	       "prof: no 'default' line (the first directive must say "
	       "'default allow', 'default deny' or 'default kill')",
	       "seccomp: empty text");
	is_str(profile_error("default allow\ndefault deny\n"),
	       "prof:2: a second 'default' line", "seccomp: two defaults");
	is_str(profile_error("default\n"),
	       "prof:1: 'default' needs allow, deny, errno ERRNO or kill",
	       "seccomp: default alone");
	is_str(profile_error("default maybe\n"),
	       "prof:1: unknown directive 'maybe' (allow, deny, errno, kill)",
	       "seccomp: bad default action");
	is_str(profile_error("default allow\npermit read\n"),
	       "prof:2: unknown directive 'permit' (allow, deny, errno, kill)",
	       "seccomp: unknown directive");
	is_str(profile_error("default allow\ndeny\n"),
	       "prof:2: 'deny' needs a syscall name", "seccomp: no syscall");
	is_str(profile_error("default allow\nallow read now\n"),
	       "prof:2: unexpected 'now'", "seccomp: a word too many");
	is_str(profile_error("default allow\nerrno read\n"),
	       "prof:2: 'errno' needs an ERRNO", "seccomp: errno without ERRNO");
	is_str(profile_error("default allow\nerrno read EWHAT\n"),
	       "prof:2: bad errno 'EWHAT' (1-4095 or a name like EPERM)",
	       "seccomp: unknown errno name");
	is_str(profile_error("default allow\nerrno read 4096\n"),
	       "prof:2: bad errno '4096' (1-4095 or a name like EPERM)",
	       "seccomp: errno out of range");
	is_str(profile_error("default allow\nerrno read 0\n"),
	       "prof:2: bad errno '0' (1-4095 or a name like EPERM)",
	       "seccomp: errno 0");
	is_str(profile_error("default allow\ndeny read\nkill read\n"),
	       "prof:3: 'read' already has another rule (line 2)",
	       "seccomp: conflicting rules");
	is_str(profile_error("default allow\nallow a b c d e\n"),
	       "prof:2: too many words", "seccomp: too many words");
	{
		static const char nul[] = "default allow\nallow re\0ad\n";

		is_int(mc_exec_seccomp_parse(nul, sizeof(nul) - 1, "prof", &p, &err),
		       -1, "seccomp: NUL byte");
		is_str(take(&err, &st), "prof:2: NUL byte in a text file",
		       "seccomp: NUL byte message");
	}
	{
		char longname[200];

		memset(longname, 'x', sizeof(longname));
		memcpy(longname, "default allow\nallow ", 20);
		longname[sizeof(longname) - 1] = '\0';
		ok(profile_error(longname) != NULL, "seccomp: a very long name");
	}

	p = mc_exec_seccomp_default(0);
	ok(p->def == MC_SECCOMP_ALLOW, "seccomp default: allows by default");
	r = rule_for(p, "mount");
	ok(r && r->action == MC_SECCOMP_ERRNO && r->errnum == EPERM,
	   "seccomp default: denies mount without a mount namespace");
	ok(rule_for(p, "kexec_load") && rule_for(p, "init_module") &&
	   rule_for(p, "reboot") && rule_for(p, "swapoff") && rule_for(p, "bpf") &&
	   rule_for(p, "keyctl") && rule_for(p, "ptrace") &&
	   rule_for(p, "open_by_handle_at") && rule_for(p, "clock_settime"),
	   "seccomp default: denies the usual suspects");
	ok(!rule_for(p, "execve") && !rule_for(p, "read"),
	   "seccomp default: leaves execve and read alone");
	ok(p->deny_new_namespaces, "seccomp default: no new namespaces");
	mc_exec_seccomp_free(p);
	p = mc_exec_seccomp_default(1);
	ok(!rule_for(p, "mount") && !rule_for(p, "umount2") && !rule_for(p, "pivot_root"),
	   "seccomp default: allows mounts in a mount namespace");
	ok(rule_for(p, "reboot") != NULL, "seccomp default: still denies reboot");
	mc_exec_seccomp_free(p);
}

/* The public face: option errors as mc-launch reports them. */
static const char *set_error(int id, const char *arg)
{
	struct mc_execopts *o = mc_execopts_new();
	mc_error_t err = NULL;
	int rc, st;

	rc = mc_execopts_set(o, id, arg, &err);
	mc_execopts_free(o);
	if (rc == 0)
		return NULL;
	take(&err, &st);
	return st == MC_EXIT_USAGE ? msgbuf : "(not a usage error)";
}

static void test_set(void)
{
	struct mc_execopts *o;
	mc_error_t err = NULL;
	int st;

	is_str(set_error(MC_OPT_NAMESPACES, "pid,bogus"),
	       "--namespaces: unknown namespace 'bogus' (known: pid, mount, uts, ipc, net)",
	       "set: --namespaces");
	is_str(set_error(MC_OPT_USER, "no-such-user-mc"),
	       "--user: no such user: no-such-user-mc", "set: --user");
	is_str(set_error(MC_OPT_CAPS, "cap_bogus"),
	       "--caps: unknown capability 'cap_bogus'", "set: --caps");
	is_str(set_error(MC_OPT_RLIMIT, "nofile=2:1"),
	       "--rlimit: nofile: soft limit above the hard limit", "set: --rlimit");
	is_str(set_error(MC_OPT_ENV, "=x"),
	       "--env: empty variable name in '=x'", "set: --env");
	is_str(set_error(MC_OPT_SECCOMP, "/nonexistent/profile"),
	       "--seccomp: /nonexistent/profile: No such file or directory",
	       "set: --seccomp with a missing file");
	is_str(set_error(MC_OPT_HOSTNAME, ""),
	       "--hostname: '': must be 1 to 64 characters", "set: empty --hostname");
	is_str(set_error(MC_OPT_HOSTNAME, "a b"),
	       "--hostname: 'a b': no spaces or control characters",
	       "set: --hostname with a space");
	is_str(set_error(MC_OPT_WORKDIR, ""), "--workdir: empty directory",
	       "set: empty --workdir");
	is_str(set_error(MC_OPT_STDOUT, ""), "--stdout: empty file name",
	       "set: empty --stdout");
	is_str(set_error(MC_OPT_SECCOMP, "default"), NULL, "set: --seccomp default");
	is_str(set_error(MC_OPT_SECCOMP, "none"), NULL, "set: --seccomp none");
	is_str(set_error(MC_OPT_NO_NEW_PRIVS, NULL), NULL, "set: --no-new-privs");

	o = mc_execopts_new();
	is_int(mc_execopts_set(o, MC_OPT_HOSTNAME, "box", &err), 0, "set: --hostname box");
	is_int(mc_execopts_validate(o, &err), -1, "validate: --hostname without uts");
	is_str(take(&err, &st), "--hostname: needs --namespaces with uts",
	       "validate: --hostname message");
	is_int(st, MC_EXIT_USAGE, "validate: a usage error");
	is_int(mc_execopts_set(o, MC_OPT_NAMESPACES, "uts", &err), 0, "set: --namespaces uts");
	is_int(mc_execopts_validate(o, &err), 0, "validate: --hostname with uts");
	ok(!mc_execopts_has_stdout(o) && !mc_execopts_has_stderr(o),
	   "has_stdout/has_stderr: not given");
	mc_execopts_set(o, MC_OPT_STDERR, "/tmp/x", &err);
	ok(!mc_execopts_has_stdout(o) && mc_execopts_has_stderr(o),
	   "has_stderr: given");
	mc_execopts_free(o);

	{
		static const char *const names[] = {
			"--workdir", "--env", "--clear-env", "--user", "--stdout",
			"--stderr", "--rlimit", "--namespaces", "--hostname",
			"--caps", "--no-new-privs", "--seccomp", "--shell",
		};
		size_t i;
		int all = 1;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (!strstr(mc_execopts_usage, names[i]))
				all = 0;
		ok(all, "usage: names every option");
	}
}

/* Exec failures, in a child: 127 not found, 126 cannot execute. */
static int exec_status(char *cmd)
{
	char *argv[] = { cmd, NULL };
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		struct mc_execopts *o = mc_execopts_new();
		mc_error_t err = NULL;

		mc_execopts_exec(o, argv, -1, &err);
		_exit(err ? err->status : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void test_exec(void)
{
	static char missing[] = "no-such-command-mc", notexec[] = "/etc/passwd";
	static char truecmd[] = "true";

	is_int(exec_status(missing), 127, "exec: command not found is 127");
	is_int(exec_status(notexec), 126, "exec: not executable is 126");
	is_int(exec_status(truecmd), 0, "exec: true runs");
}

int main(void)
{
	test_ns();
	test_rlimit();
	test_caps();
	test_env();
	test_user();
	test_seccomp();
	test_set();
	test_exec();
	return tap_done();
}
