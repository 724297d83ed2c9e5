// Apple's iCloud mail (mx*.mail.icloud.com; me.com, mac.com, icloud.com).
// Source: Apple's "Postmaster information for iCloud Mail" page (HT204137),
// which its refusals link, and the bracketed codes they carry ("[CS01]",
// "[HM08]": refused under local policy).
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

const RULES: readonly Rule[] = [
  { text: /user does not exist|no such user|unknown user|unknown or illegal alias/, reason: 'userunknown' },
  { text: /user is over quota|mailbox (?:is )?full/, reason: 'mailboxfull' },
  // A disabled account; an "inactive" one is answered with 5.1.1 (the address is gone), which the status says.
  { text: /mailbox (?:is )?disabled|account (?:is )?disabled/, reason: 'suspend' },
  { text: /\bdmarc\b|spf|dkim/, reason: 'authfailure' },
  { text: /reverse dns|\bptr\b/, reason: 'requireptr' },
  { text: /\[(?:cs|hm)\d\d\]|due to local policy/, reason: 'policyviolation' },
  { text: /too many (?:connections|recipients)|throttl|rate limit|deferred due to excessive volume/, reason: 'speeding' },
  // "rejected due to having a domain present in the Spamhaus DBL": a listed domain of the sender's mail, a
  // block-list refusal as the IP listings beside it are (the reference parser reads it so; docs/reasons.md).
  { text: /domain present in the spamhaus dbl|rejected due to listing in spamhaus/, reason: 'blocked' },
  // "550 5.7.0 Blocked - see https://support.apple.com/...": the sending IP. ("Blocked by the recipient" is not this.)
  { text: /\bblocked - see\b|blocklist|blacklist/, reason: 'blocked' },
];

/** The provider's hosts (a remote host under one of them is this provider's). */
// privaterelay.appleid.com: Hide My Email addresses, relayed by iCloud Mail.
const HOSTS: readonly string[] = ['icloud.com', 'me.com', 'mac.com', 'apple.com', 'privaterelay.appleid.com'];

export const apple: Provider = {
  name: 'apple',
  is: (a) =>
    under(a.host, HOSTS) ||
    a.text.includes('support.apple.com/en-us/ht204137') ||
    (a.host === '' && ['icloud.com', 'me.com', 'mac.com'].includes(a.domain)),
  reason: (a) => firstRule(RULES, a),
};
