#!/bin/sh
# usage-each.sh FILE: one mc-usage call per container ID listed in FILE.
B=$MC_BUILDDIR/tools
while read -r id; do
	"$B/mc-usage" "$id" >/dev/null || exit 1
done < "$1"
