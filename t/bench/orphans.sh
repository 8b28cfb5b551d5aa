#!/bin/sh
# orphans.sh ROOT N: N orphan cgroups (no state entry) under the cgroup
# root ROOT, in each hierarchy mc uses, for mc-recover to destroy.
root=$1 n=$2
for h in freezer cpu cpuacct memory pids; do
	[ -d "/sys/fs/cgroup/$h" ] || continue
	mkdir -p "/sys/fs/cgroup/$h/$root" || exit 1
	(cd "/sys/fs/cgroup/$h/$root" && seq -f "orphan-%04g" 1 "$n" | xargs mkdir) || exit 1
done
