#!/bin/sh
# Captures Postfix 3.7's own delivery log (status=sent/deferred/bounced lines)
# for the delivery-report tests (fixtures/delivery-logs/postfix-3.7.log): real
# Postfix talks to the scripted remote (remote.mjs), which refuses some
# recipients at RCPT, one after DATA, defers one and accepts one. No bounce
# mail is involved: what is kept is the MTA's log.
#
# Runs Debian's postfix package *extracted*, not installed, so that it does not
# replace whatever MTA the machine has (other captures swap MTAs), with its own
# config, queue and log under $LAB, inside the `mtalab` namespace (netns-up.sh:
# only lo, nothing leaves). The remote is reached by transport_maps, no DNS.
# Run as root; needs the cached package (apt-get download postfix) or POSTFIX_DEB.
set -e
HERE=$(cd "$(dirname "$0")/.." && pwd)
REPO=$(cd "$HERE/../.." && pwd)
LAB=${LAB:-/var/tmp/inmail-postfix-deliveries}
DEB=${POSTFIX_DEB:-$(ls /var/cache/apt/archives/postfix_3.7*_amd64.deb | head -1)}
NS=mtalab
MTA_IP=127.0.0.8
REMOTE_IP=127.0.0.9
OUT=${OUT:-$REPO/fixtures/delivery-logs/postfix-3.7.log}

ip netns list | grep -q "^$NS" || "$HERE/netns-up.sh"
for a in $MTA_IP $REMOTE_IP; do ip netns exec $NS ip addr add $a/8 dev lo 2>/dev/null || true; done

rm -rf "$LAB" && mkdir -p "$LAB/etc" "$LAB/spool" "$LAB/data"
dpkg -x "$DEB" "$LAB/root"
PF=$LAB/root
cp "$PF/usr/share/postfix/main.cf.debian" "$LAB/etc/main.cf" 2>/dev/null || : > "$LAB/etc/main.cf"
cp "$PF/usr/share/postfix/master.cf.dist" "$LAB/etc/master.cf"
cp "$PF/etc/postfix/postfix-files" "$LAB/etc/" 2>/dev/null || true
# The package is extracted, not installed: its postinst never made Postfix's own account
# (mail_owner) and group (setgid_group), which a machine that never had Postfix lacks.
getent group postdrop >/dev/null || groupadd --system postdrop
getent group postfix >/dev/null || groupadd --system postfix
getent passwd postfix >/dev/null ||
  useradd --system --no-create-home --home-dir /var/spool/postfix --shell /usr/sbin/nologin -g postfix postfix
chown postfix "$LAB/data"
# Postfix's own bounces to sender@lab.test are discarded: only the log is kept.
printf 'remote.test smtp:[%s]:2525\nlab.test discard:\n' "$REMOTE_IP" > "$LAB/etc/transport"
export LD_LIBRARY_PATH=$PF/usr/lib/postfix
PC="$PF/usr/sbin/postconf -c $LAB/etc"
$PC -e \
  'compatibility_level = 3.6' \
  "config_directory = $LAB/etc" "queue_directory = $LAB/spool" "data_directory = $LAB/data" \
  "daemon_directory = $PF/usr/lib/postfix/sbin" "command_directory = $PF/usr/sbin" \
  "meta_directory = $PF/etc/postfix" "shlib_directory = $PF/usr/lib/postfix" \
  "import_environment = MAIL_CONFIG MAIL_DEBUG MAIL_LOGTAG TZ LANG=C POSTLOG_SERVICE POSTLOG_HOSTNAME LD_LIBRARY_PATH=$PF/usr/lib/postfix" \
  'myhostname = mail.lab.test' 'mydomain = lab.test' 'myorigin = lab.test' 'mydestination =' \
  "inet_interfaces = $MTA_IP" 'inet_protocols = ipv4' 'mynetworks = 127.0.0.0/8' \
  "transport_maps = texthash:$LAB/etc/transport" 'relay_domains = remote.test' \
  'maximal_queue_lifetime = 1h' 'queue_run_delay = 30s' 'minimal_backoff_time = 30s' \
  'notify_classes =' 'alias_maps =' 'alias_database =' 'smtp_tls_security_level = none' \
  "maillog_file = $LAB/maillog" 'html_directory = no' 'readme_directory = no' \
  'sendmail_path = /bin/false' 'newaliases_path = /bin/false' 'mailq_path = /bin/false' 'setgid_group = postdrop' \
  'manpage_directory = /usr/share/man' "sample_directory = $LAB/etc"
$PC -F '*/*/chroot = n'

ip netns exec $NS setsid node "$HERE/remote.mjs" $REMOTE_IP 2525 normal > "$LAB/remote.log" 2>&1 &
echo $! > "$LAB/remote.pid"
ip netns exec $NS "$PF/usr/sbin/postfix" -c "$LAB/etc" start
sleep 2
for rcpt in unknown-enh unknown-gmail spamhaus full-452 ok; do
  CAPTURE_TAG=delivery ip netns exec $NS node "$HERE/inject.mjs" $MTA_IP "deliveries-$rcpt" "$rcpt@remote.test" || true
done
CAPTURE_TAG=delivery ip netns exec $NS node "$HERE/inject.mjs" $MTA_IP deliveries-dmarc dmarc@remote.test || true
# Every recipient's first attempt is logged within seconds (the 452 stays deferred).
i=0
while [ $i -lt 60 ] && [ "$(grep -c 'status=' "$LAB/maillog" 2>/dev/null || echo 0)" -lt 6 ]; do sleep 1; i=$((i + 1)); done
ip netns exec $NS "$PF/usr/sbin/postfix" -c "$LAB/etc" stop || true
kill "$(cat "$LAB/remote.pid")" 2>/dev/null || true
mkdir -p "$(dirname "$OUT")"
cp "$LAB/maillog" "$OUT"
grep -c 'status=' "$OUT"
