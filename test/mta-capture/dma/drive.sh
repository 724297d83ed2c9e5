#!/bin/sh
# DragonFly Mail Agent (dma): it has no SMTP listener, so each case of ../cases.txt that fails
# permanently is submitted through its sendmail command inside the namespace. It bounces to the
# local user dmalab (MAILNAME lab.test), whose mbox is /var/mail/dmalab. Deferred cases are left
# out: dma keeps retrying for days. Run after ../netns-up.sh and ../remotes-up.sh, as root, with
# /etc/dma/dma.conf holding "MAILNAME lab.test" and a user dmalab (useradd -M -r dmalab).
set -e
for c in userunknown-enh:unknown-enh@remote.test userunknown-plain:unknown-plain@remote.test \
  userunknown-gmail:unknown-gmail@remote.test mailboxfull-552:full-552@remote.test disabled:disabled@remote.test \
  blocked-spamhaus:spamhaus@remote.test requireptr:noptr@remote.test relay-denied:relay@remote.test \
  spam-content:spam@remote.test virus:virus@remote.test dmarc-fail:dmarc@remote.test mesgtoobig:toobig@remote.test \
  fr-userunknown:fr-unknown@remote.test de-mailboxfull:de-full@remote.test es-userunknown:es-unknown@remote.test \
  nxdomain:someone@nxdomain.test; do
  name=${c%%:*}; rcpt=${c#*:}
  printf 'From: dmalab@lab.test\nTo: %s\nSubject: capture %s\nMessage-ID: <%s.dma@lab.test>\nDate: %s\n\nA test message for the %s case.\n' \
    "$rcpt" "$name" "$name" "$(date -R)" "$name" | ip netns exec mtalab /usr/sbin/dma -f dmalab@lab.test "$rcpt"
  sleep 1
done
