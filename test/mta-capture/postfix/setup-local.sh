#!/bin/sh
# Local-delivery cases for Postfix (after setup.sh): local(8) is the final destination for
# mail.lab.test, with the lab's aliases; fulluser's mailbox file is already over
# mailbox_size_limit. Submit with: LOCAL_DOMAIN=mail.lab.test CAPTURE_TAG=postfix ../drive-local.sh
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
W=/var/spool/mtalab/postfix-local
install -d -o nobody -g nogroup $W
head -c 1100000 /dev/zero | tr '\0' 'x' > $W/full.mbox && chown nobody:nogroup $W/full.mbox
install -m 644 "$HERE/aliases" /etc/postfix/mtalab-aliases
ip netns exec mtalab postalias /etc/postfix/mtalab-aliases
postconf -e 'mydestination = mail.lab.test, localhost' \
  'alias_maps = hash:/etc/postfix/mtalab-aliases' 'alias_database = hash:/etc/postfix/mtalab-aliases' \
  'message_size_limit = 1000000' 'mailbox_size_limit = 1000000' \
  'allow_mail_to_commands = alias, forward' 'allow_mail_to_files = alias, forward' 'default_privs = nobody'
