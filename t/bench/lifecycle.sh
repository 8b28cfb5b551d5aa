#!/bin/sh
# lifecycle.sh ID: one container lifecycle of /bin/true through the
# programs themselves: prepare, launch (the foreground supervisor, in the
# background of this shell), isolate, wait, destroy.
B=$MC_BUILDDIR/tools
id=$1
"$B/mc-prepare" --cpus 1 --mem 64M --pids 64 -- "$id" || exit 1
"$B/mc-launch" "$id" -- /bin/true &
launcher=$!
if ! "$B/mc-isolate" "$id"; then
	"$B/mc-destroy" "$id"
	wait "$launcher"
	exit 1
fi
wait "$launcher"
status=$?
"$B/mc-destroy" "$id" || exit 1
exit $status
