#!/bin/sh
# Start Debian's OpenSMTPD 6.8 in the foreground-debug mode inside the namespace (after
# `apt-get install opensmtpd`; stop the daemon its postinst started first).
# Bounces land in /var/tmp/mtalab/opensmtpd/Maildir/new.
HERE=$(cd "$(dirname "$0")" && pwd)
install -d -o nobody -g nogroup /var/tmp/mtalab/opensmtpd/Maildir
ip netns exec mtalab smtpd -d -f "$HERE/smtpd.conf" >>/var/tmp/mtalab/opensmtpd.log 2>&1 &
echo $! > /run/mtalab-smtpd.pid
