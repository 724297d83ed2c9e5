#!/bin/sh
# Lab config for Debian's Postfix 3.7 (run as root after `apt-get install postfix`).
# Bounces to sender@lab.test land in /var/tmp/mtalab/postfix/Maildir/new.
set -e
install -d -o nobody -g nogroup /var/tmp/mtalab/postfix
[ -f /etc/postfix/main.cf ] || cp /etc/postfix/main.cf.proto /etc/postfix/main.cf
postconf -e \
  'compatibility_level = 3.6' \
  'myhostname = mail.lab.test' 'mydomain = lab.test' 'myorigin = lab.test' \
  'mydestination = localhost' \
  'inet_interfaces = 127.0.0.2' 'inet_protocols = ipv4' \
  'mynetworks = 127.0.0.0/8' \
  'smtp_address_preference = ipv4' \
  'virtual_mailbox_domains = lab.test' \
  'virtual_mailbox_base = /var/tmp/mtalab/postfix' \
  'virtual_mailbox_maps = static:Maildir/' \
  'virtual_uid_maps = static:65534' 'virtual_gid_maps = static:65534' \
  'maximal_queue_lifetime = 150s' 'bounce_queue_lifetime = 150s' \
  'delay_warning_time = 40s' \
  'queue_run_delay = 10s' 'minimal_backoff_time = 10s' 'maximal_backoff_time = 20s' \
  'smtp_connect_timeout = 10s' 'smtp_helo_timeout = 20s' \
  'alias_maps =' 'alias_database =' \
  'maillog_file = /var/log/mtalab-postfix.log' \
  'sendmail_path = /usr/sbin/sendmail' 'newaliases_path = /usr/bin/newaliases' \
  'mailq_path = /usr/bin/mailq' 'setgid_group = postdrop' 'html_directory = no' \
  'manpage_directory = /usr/share/man' 'readme_directory = no' 'sample_directory = /etc/postfix'
postconf -F '*/*/chroot = n'
# start inside the namespace: ip netns exec mtalab postfix start
