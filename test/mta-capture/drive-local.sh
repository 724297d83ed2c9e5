#!/bin/sh
# Submit every case of local-cases.txt through the MTA's sendmail command inside the namespace.
# Usage: CAPTURE_TAG=postfix [SENDMAIL="/usr/sbin/sendmail -C cf"] [ONLY="case ..."] ./drive-local.sh
HERE=$(cd "$(dirname "$0")" && pwd)
SM=${SENDMAIL:-/usr/sbin/sendmail}
grep -v '^#' "$HERE/local-cases.txt" | while read -r kase rcpt opts; do
  [ -n "$kase" ] || continue
  [ -z "$ONLY" ] || echo " $ONLY " | grep -q " $kase " || continue
  node "$HERE/inject.mjs" - "$kase" "$rcpt" $opts --print | ip netns exec mtalab $SM -f sender@lab.test -oi "$rcpt"
  echo "$kase <$kase.${CAPTURE_TAG:-lab}@lab.test>"
done
