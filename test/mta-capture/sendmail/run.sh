#!/bin/sh
# Start Debian's Sendmail 8.17 with the lab config inside the namespace (after
# `apt-get install sendmail-bin sendmail-cf m4`; its postinst does not start it while
# policy-rc.d denies, else stop it first). Bounces land in /var/spool/mtalab/sendmail/Maildir/new.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
W=/var/spool/mtalab/sendmail
install -d -m 700 $W/mqueue
install -d -m 755 /var/spool/mtalab $W
install -d -o mail -g mail -m 755 $W/Maildir $W/Maildir/new $W/Maildir/tmp $W/Maildir/cur
install -m 755 "$HERE/deliver.sh" $W/deliver.sh
install -m 644 "$HERE/aliases" $W/aliases
printf 'lab.test\nmail.lab.test\n' > $W/local-host-names
: > $W/relay-domains; : > $W/trusted-users
m4 "$HERE/lab.mc" > $W/sendmail.cf
ip netns exec mtalab /usr/sbin/sendmail -C $W/sendmail.cf -bi
ip netns exec mtalab /usr/sbin/sendmail -C $W/sendmail.cf -bd -q10s
