#!/bin/sh
# Submit every case of local-cases.txt through the MTA's sendmail command inside the namespace.
# Usage: CAPTURE_TAG=postfix [SENDMAIL="/usr/sbin/sendmail -C cf"] [LOCAL_DOMAIN=mail.lab.test] [ONLY="case ..."] ./drive-local.sh
# (LOCAL_DOMAIN replaces lab.test in the recipients: Postfix keeps lab.test virtual for the collector.)
HERE=$(cd "$(dirname "$0")" && pwd)
SM=${SENDMAIL:-/usr/sbin/sendmail}
grep -v '^#' "$HERE/local-cases.txt" | while read -r kase rcpt opts; do
  [ -n "$kase" ] || continue
  [ -z "$ONLY" ] || echo " $ONLY " | grep -q " $kase " || continue
  [ -z "$LOCAL_DOMAIN" ] || { rcpt=$(echo "$rcpt" | sed "s/@lab\.test\$/@$LOCAL_DOMAIN/"); opts=$(echo "$opts" | sed "s/@lab\.test/@$LOCAL_DOMAIN/g"); }
  case " $opts " in
    # --smtp: over SMTP to the MTA's listener (127.0.0.2), e.g. for NOTIFY=SUCCESS (Exim's sendmail has no -N).
    *" --smtp "*) ip netns exec mtalab node "$HERE/inject.mjs" 127.0.0.2 "$kase" "$rcpt" $opts >/dev/null 2>&1 ;;
    *) node "$HERE/inject.mjs" - "$kase" "$rcpt" $opts --print | ip netns exec mtalab $SM -f sender@lab.test -oi "$rcpt" ;;
  esac
  echo "$kase <$kase.${CAPTURE_TAG:-lab}@lab.test>"
done
