#!/bin/sh
# libcgroup.sh GROUP: the same lifecycle with Debian's cgroup-tools, in the
# five hierarchies mc uses on a v1/hybrid host.
#
# cgdelete of cgroup-tools 2.0.2 removes the group of the first
# controller only, whatever the -g list (seen on a hybrid host, exit
# status 0): the other four are removed with one rmdir, so that the chain
# leaves nothing behind at the cost of a single extra exec.
g=$1
c=cpu,cpuacct,memory,pids,freezer
cgcreate -g "$c:$g" || exit 1
cgset -r cpu.shares=1024 -r memory.limit_in_bytes=67108864 -r pids.max=64 "$g" || exit 1
cgexec -g "$c:$g" /bin/true
status=$?
cgdelete -g "$c:$g" || exit 1
left=""
for h in cpu cpuacct memory pids freezer; do
	[ -d "/sys/fs/cgroup/$h/$g" ] && left="$left /sys/fs/cgroup/$h/$g"
done
[ -z "$left" ] || rmdir $left || exit 1
exit $status
