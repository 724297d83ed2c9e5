// Zoho Mail (mx.zoho.com, mx.zoho.eu, ...): its fixed answers, from Zoho's help on delivery failures.
// "Mail rejected by destination domain" (5.4.1, not RFC 3463's "no answer from host") is the
// recipient domain's own filter.
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

const RULES: readonly Rule[] = [
  { text: /mail rejected by destination domain|mailbox delivery restricted by policy/, reason: 'filtered' },
  { text: 'email rejected per dmarc policy', reason: 'authfailure' },
  { text: 'detected by zoho mail', reason: 'virusdetected' },
];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['zoho.com', 'zoho.eu', 'zoho.in', 'zoho.com.au', 'zoho.jp', 'zohomail.com'];

export const zoho: Provider = {
  name: 'zoho',
  is: (a) => under(a.host, HOSTS) || a.text.includes('detected by zoho mail'),
  reason: (a) => firstRule(RULES, a),
};
