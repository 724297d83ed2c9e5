#!/bin/sh
# Submit every case of cases.txt to the MTA listening on 127.0.0.2:25 in the namespace.
# Usage: CAPTURE_TAG=postfix ./drive.sh   (CASES=cases-more.txt for the second batch)
HERE=$(cd "$(dirname "$0")" && pwd)
grep -v '^#' "$HERE/${CASES:-cases.txt}" | while read -r kase rcpts opts; do
  [ -n "$kase" ] || continue
  ip netns exec mtalab node "$HERE/inject.mjs" 127.0.0.2 "$kase" "$rcpts" $opts 2>>/tmp/mtalab-inject.log
done
