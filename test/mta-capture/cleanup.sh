#!/bin/sh
# Stop what the lab started (by pid) and remove the namespace. Stop the MTA first:
# `ip netns exec mtalab postfix stop`, kill the exim4 -bd daemon, or kill $(cat /run/mtalab-smtpd.pid).
for f in /run/mtalab-smtpd.pid /run/mtalab-remote-normal.pid /run/mtalab-remote-greet421.pid /run/mtalab-remote-silent.pid /run/mtalab-remote-mailfrom.pid /run/mtalab-remote-greet554.pid /run/mtalab-remote-helo.pid /run/mtalab-remote-starttls.pid /run/mtalab-remote-senderdeny.pid /run/mtalab-remote-greetgmx.pid /run/mtalab-remote-mailsize.pid /run/mtalab-remote-mailstorage.pid /run/mtalab-remote-mailrbl.pid /run/mtalab-remote-mailunknown.pid /run/mtalab-remote-dropdata.pid /run/mtalab-dnsmasq.pid; do
  [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; rm -f "$f"
done
ip netns del mtalab 2>/dev/null
rm -rf /etc/netns/mtalab
