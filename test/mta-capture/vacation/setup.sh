#!/bin/sh
# Lab users for local success DSNs and auto-replies (run as root; remove with teardown.sh):
#   labok   — a plain local mailbox (success DSNs: NOTIFY=SUCCESS to labok@<local domain>)
#   vacen, vacbsd, vacfr, vacde — Debian's vacation(1) (BSD vacation 3.3) from ~/.forward,
#   each with its ~/.vacation.msg from msg-<user>.txt (a whole message: headers, blank line, body).
# Exim's autoreply router (exim/exim-local.conf) reads ~/.vacation.msg too, for the same users.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
H=/var/spool/mtalab/home
install -d -m 755 $H
for u in labok vacen vacbsd vacfr vacde; do
  id "$u" >/dev/null 2>&1 || useradd -M -d $H/$u -s /bin/sh "$u"
  install -d -o "$u" -g "$u" -m 755 $H/$u
done
for u in vacen vacbsd vacfr vacde; do
  install -m 644 -o "$u" -g "$u" "$HERE/msg-$u.txt" $H/$u/.vacation.msg
  printf '\\%s, "|/usr/bin/vacation %s"\n' "$u" "$u" > $H/$u/.forward
  chown "$u:$u" $H/$u/.forward && chmod 644 $H/$u/.forward
  su -s /bin/sh "$u" -c "cd $H/$u && /usr/bin/vacation -i -r 0"
done
