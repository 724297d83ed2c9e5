#!/bin/sh
# Lab config for Debian's Courier MTA 1.0.16 (run as root after `apt-get install courier-mta`,
# while policy-rc.d keeps its daemons from starting in the main namespace, else stop them first).
# Bounces to sender@lab.test go through an alias to a program that writes one Maildir file each:
# /var/spool/mtalab/courier/Maildir/new. Start: run.sh.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
C=/etc/courier
W=/var/spool/mtalab/courier
install -d -m 755 /var/spool/mtalab $W
install -d -o courier -g courier -m 755 $W/Maildir $W/Maildir/new $W/Maildir/tmp $W/Maildir/cur
install -m 755 "$HERE/deliver.sh" $W/deliver.sh
echo mail.lab.test > $C/me
echo lab.test > $C/defaultdomain
printf 'lab.test\nmail.lab.test\nlocalhost\n' > $C/locals
# Short queue: warn after 40 s, give up after 3 minutes, retry every 10-20 s.
echo 3m > $C/queuetime
echo 40 > $C/warntime
echo 10 > $C/retryalpha; echo 3 > $C/retrybeta; echo 20 > $C/retrygamma; echo 2 > $C/retrymaxdelta
echo 0 > $C/esmtpdelay
echo 10 > $C/esmtptimeoutconnect
echo 20 > $C/esmtptimeouthelo
echo 20 > $C/esmtptimeout
sed -i 's/^#*ADDRESS=.*/ADDRESS=127.0.0.2/; s/^ESMTPDSTART=.*/ESMTPDSTART=YES/; s/^BOFHCHECKDNS=.*/BOFHCHECKDNS=0/' $C/esmtpd
grep -q '^ADDRESS=127.0.0.2' $C/esmtpd || echo 'ADDRESS=127.0.0.2' >> $C/esmtpd
# Static routes for the scripted remotes: Courier refuses an MX on a loopback address
# ("mail loops back to myself (MX problem)") unless the route is static. Other domains use DNS.
printf 'remote.test: mx.remote.test\ngreet.test: mx.greet.test\nrefused.test: mx.refused.test\nsilent.test: mx.silent.test\nsenderrej.test: mx.senderrej.test\n' > $C/esmtproutes
printf '127\tallow,RELAYCLIENT\n' > $C/smtpaccess/default
makesmtpaccess
install -m 644 "$HERE/aliases" $C/aliases/system
makealiases
