#!/bin/sh
# Start Debian's Exim 4.96 with the lab config inside the namespace (after `apt-get install
# exim4-daemon-light`; stop any exim4 its postinst started in the main namespace first).
# Bounces land in /var/tmp/mtalab/exim/Maildir/new. Local cases: CAPTURE_TAG=exim
# SENDMAIL="/usr/sbin/exim4 -C /var/tmp/mtalab/exim/exim.conf -oem" ../drive-local.sh
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
CONF=/var/tmp/mtalab/exim/exim.conf
install -d -o Debian-exim -g Debian-exim /var/tmp/mtalab/exim /var/tmp/mtalab/exim/spool /var/tmp/mtalab/exim/log
install -m 644 -o root -g root "$HERE/exim.conf" $CONF
# Local-delivery cases: the aliases, an mbox already over the address_file quota (1M), the
# autoreply texts of the vacation users.
install -m 644 "$HERE/aliases" /var/tmp/mtalab/exim/aliases
install -d -o Debian-exim -g Debian-exim /var/tmp/mtalab/exim/users /var/tmp/mtalab/exim/vacation
install -m 644 "$HERE"/vacation/* /var/tmp/mtalab/exim/vacation/
head -c 1100000 /dev/zero | tr '\0' 'x' > /var/tmp/mtalab/exim/full.mbox && chown Debian-exim:Debian-exim /var/tmp/mtalab/exim/full.mbox
grep -qx "$CONF" /etc/exim4/trusted_configs 2>/dev/null || echo "$CONF" >> /etc/exim4/trusted_configs
ip netns exec mtalab exim4 -C $CONF -bd -q10s
