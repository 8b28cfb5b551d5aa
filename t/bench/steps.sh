#!/bin/sh
# steps.sh STATE ID: bring container ID into STATE for the --prepare step
# of the per-step benchmarks, or run one step.
#   none      no such container (destroyed if it was there)
#   prepared  prepared, never launched
#   exited    prepared, launched, isolated, /bin/true ended
#   run       (the timed step) launch, isolate, wait
B=$MC_BUILDDIR/tools
state=$1 id=$2
run() {
	"$B/mc-launch" "$id" -- /bin/true &
	launcher=$!
	"$B/mc-isolate" "$id" || { wait "$launcher"; return 1; }
	wait "$launcher"
}
case $state in
run) run; exit $? ;;
esac
[ -d "$MC_RUN_DIR/$id" ] && { "$B/mc-destroy" "$id" || exit 1; }
case $state in
none) ;;
prepared) "$B/mc-prepare" --cpus 1 --mem 64M --pids 64 -- "$id" || exit 1 ;;
exited) "$B/mc-prepare" --cpus 1 --mem 64M --pids 64 -- "$id" && run || exit 1 ;;
*) echo "steps.sh: unknown state $state" >&2; exit 2 ;;
esac
exit 0
