#!/bin/sh
# Submit every case of cases.txt to Haraka (127.0.0.8:25 in the namespace), Message-ID <case.haraka@lab.test>.
HERE=$(cd "$(dirname "$0")" && pwd)
grep -v '^#' "$HERE/cases.txt" | while read -r kase rcpts opts; do
  [ -n "$kase" ] || continue
  CAPTURE_TAG=haraka ip netns exec harakalab node "$HERE/../inject.mjs" 127.0.0.8 "$kase" "$rcpts" $opts 2>>/tmp/harakalab-inject.log
done
