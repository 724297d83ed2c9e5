#!/bin/sh
# Start the sieve lab: a throwaway Dovecot (LMTP on 127.0.0.1:$LMTP_PORT, all state in $T)
# and ../haraka/capture.mjs on 127.0.0.1:$SUBMIT_PORT as its submission_host.
# Pids in $T/dovecot.pid and $T/capture.pid. Run as root (mail user: nobody).
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
T=${T:-/tmp/sieve-lab}
LMTP_PORT=${LMTP_PORT:-24241}
SUBMIT_PORT=${SUBMIT_PORT:-25251}
rm -rf "$T" && mkdir -p "$T/sieve" "$T/mail"
sed -e "s#@T@#$T#g" -e "s#@LMTP_PORT@#$LMTP_PORT#g" -e "s#@SUBMIT_PORT@#$SUBMIT_PORT#g" \
    -e "s#@RCPT_CHECK_QUOTA@#${RCPT_CHECK_QUOTA:-yes}#g" -e "s#@QUOTA_TEMPFAIL@#${QUOTA_TEMPFAIL:-no}#g" "$HERE/dovecot.conf.in" > "$T/dovecot.conf"
cp "$HERE/users.in" "$T/users"
for f in "$HERE"/scripts/*.sieve; do cp "$f" "$T/sieve/"; done
# full-rcpt is over its 2K quota before the test: a 4K message put straight into its Maildir.
mkdir -p "$T/mail/full-rcpt/Maildir/new" "$T/mail/full-rcpt/Maildir/cur" "$T/mail/full-rcpt/Maildir/tmp"
{ printf 'From: a@lab.test\r\nSubject: filler\r\n\r\n'; head -c 4096 /dev/zero | tr '\0' 'x'; printf '\r\n'; } \
  > "$T/mail/full-rcpt/Maildir/new/1700000000.filler.mx.dest.test"
chown -R nobody:nogroup "$T"
node "$HERE/../haraka/capture.mjs" "$T/captured" 127.0.0.1 "$SUBMIT_PORT" >>"$T/capture.log" 2>&1 &
echo $! > "$T/capture.pid"
# Own UTS namespace: Pigeonhole names its Message-IDs after the system host name, so
# give it the lab's (mx.dest.test) instead of this machine's.
unshare --uts sh -c "hostname mx.dest.test && exec dovecot -c '$T/dovecot.conf' -F" >"$T/stdout.log" 2>&1 &
echo $! > "$T/dovecot.pid"
sleep 1
echo "dovecot $(cat "$T/dovecot.pid") capture $(cat "$T/capture.pid")"
