#!/bin/sh
# Exim's notices that are not a recipient's bounce (docs/parser-generalisation.md, "Exim's other
# notices"), from Debian's Exim 4.96 (`apt-get install exim4-daemon-light`; no daemon is needed:
# every message is submitted locally with -oem, as the notices are written only for local input).
# Each notice lands in /var/tmp/mtalab/exim-notices/Maildir/<local part>/new:
#   sender/      "Mail failure - rejected by local scanning code" (non-SMTP ACL deny, with and without a message)
#   fwdowner/    "error(s) in forwarding or filtering" (a redirect router's skip_syntax_errors)
#   postmaster/  "Message frozen on arrival" (ACL control = freeze) and "Message frozen" (a bounce that failed)
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=/var/tmp/mtalab/exim-notices
CONF=$DIR/exim.conf
install -d -o Debian-exim -g Debian-exim $DIR $DIR/spool $DIR/log $DIR/Maildir
install -m 644 -o root -g root "$HERE/notices.conf" $CONF
# The forward file of fwduser: one address that cannot be parsed between two good ones.
printf 'rcpt@lab.test, bad@@address, other@lab.test\n' > $DIR/fwduser.forward && chmod 644 $DIR/fwduser.forward
grep -qx "$CONF" /etc/exim4/trusted_configs 2>/dev/null || echo "$CONF" >> /etc/exim4/trusted_configs
E="/usr/sbin/exim4 -C $CONF"
msg() { printf 'From: Sender <sender@lab.test>\nTo: %s\nSubject: %s\nMessage-ID: <%s.exim@lab.test>\nDate: Mon, 07 Dec 2026 00:50:00 +0000\n\nHello, this is a test message.\n' "$1" "$2" "$3"; }
msg 'Recipient <rcpt@lab.test>' 'scanreject test' local-scan | $E -oem -odi -f sender@lab.test rcpt@lab.test || true
msg 'Recipient <rcpt@lab.test>, other@lab.test' 'plaindeny test' local-scan-no-message | $E -oem -odi -f sender@lab.test -t || true
msg 'Recipient <fwduser@lab.test>' 'forward test' forward-errors | $E -oem -odi -f sender@lab.test fwduser@lab.test
msg 'Recipient <rcpt@lab.test>' 'freezetell test' frozen-on-arrival | $E -oem -odi -f sender@lab.test rcpt@lab.test
# A bounce (sender <>) to an address no router takes: its failure cannot be returned, so Exim freezes it.
msg 'nosuch@lab.test' 'bounce of bounce' frozen | $E -oem -odi -f '' nosuch@lab.test
sleep 3
$E -qff
