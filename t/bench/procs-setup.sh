#!/bin/sh
# procs-setup.sh ID KIND [N]: a container ready to be destroyed, for the
# --prepare step of the destroy benchmarks.
#   procs     N sleeping processes (t/payload procs N)
#   forkstorm a fork storm held at --pids 64 (t/payload forkstorm)
# Returns once every process is there.
B=$MC_BUILDDIR/tools
P=$MC_BUILDDIR/t/payload
id=$1 kind=$2 n=${3:-1000}
case $kind in
procs)
	"$B/mc-prepare" --cpus 1 --mem 1G --pids $((n + 64)) -- "$id" || exit 1
	"$B/mc-launch" --detach "$id" -- "$P" procs "$n" 600 >/dev/null || exit 1
	want=$((n + 1)) ;;
forkstorm)
	"$B/mc-prepare" --cpus 1 --mem 256M --pids 64 -- "$id" || exit 1
	"$B/mc-launch" --detach "$id" -- "$P" forkstorm >/dev/null || exit 1
	want=64 ;;
*)
	echo "procs-setup.sh: unknown kind $kind" >&2; exit 2 ;;
esac
"$B/mc-isolate" "$id" || exit 1
f=/sys/fs/cgroup/pids/$MC_CGROUP_ROOT/$id/pids.current
i=0
while [ "$(cat "$f" 2>/dev/null || echo 0)" -lt "$want" ]; do
	i=$((i + 1))
	if [ "$i" -gt 3000 ]; then
		echo "procs-setup.sh: $id: only $(cat "$f") of $want processes after 30 s" >&2
		exit 1
	fi
	sleep 0.01
done
