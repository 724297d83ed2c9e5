// AT&T's consumer mail (att.net, sbcglobal.net, bellsouth.net, pacbell.net, ...: MX hosts under
// prodigy.net). Its postmaster pages explain the refusals: "DNSBL:RBL" / "DNSBL:ATTRBL ... _is_blocked"
// (the sending IP on a block list, abuse_rbl@abuse-att.net), "Connections not accepted from servers
// without a valid sender domain ... Fix reverse DNS" (no PTR). BellSouth's and Worldnet's older
// servers wrote "[permfail] ... requires valid sender domain", "failure in DNS look-up" and "Blocked for
// status: <unknown sender>" (the sending IP has no DNS records), and numbered notices "net 001" to
// "net 009" (postmaster.bellsouth.net's e-mail error list).
import type { Reason } from '../../domain/reasons.js';
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

const NET_CODE = /\bnet 00(\d):/;

/** BellSouth's "net 00N:" notices. */
const NET_CODES: Record<string, Reason> = {
  '1': 'blocked', // "You are not allowed to send e-mail to ...": blocked for abuse
  '4': 'mailboxfull', // the recipient's account is temporarily over quota
  '5': 'contenterror', // 8-bit or binary encoding the destination does not support
  '6': 'mesgtoobig', // larger than the destination accepts
  '7': 'norelaying', // "Your current IP address is not allowed to relay to DOMAIN"
  '8': 'requireptr', // "does not have a valid revers DNS entry"
  '9': 'userunknown', // invalid recipient
};

const RULES: readonly Rule[] = [
  { text: /dnsbl:[a-z]*rbl\b|abuse_rbl@abuse-att\.net|blocked by ldap:ou=rblmx|\bblocked for abuse\b/, reason: 'blocked' },
  {
    text: /servers without a valid sender domain|\[permfail\] \S* ?requires valid sender domain|failure in dns look-?up|blocked for status: <unknown sender>/,
    reason: 'requireptr',
  },
  { text: '[suspend] mailbox currently suspended', reason: 'suspend' },
];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['prodigy.net', 'att.net', 'sbcglobal.net', 'bellsouth.net', 'pacbell.net', 'swbell.net'];

export const att: Provider = {
  name: 'att',
  is: (a) => under(a.host, HOSTS) || a.text.includes('abuse-att.net') || a.text.includes('dc=bellsouth'),
  reason(a) {
    const code = NET_CODE.exec(a.text)?.[1];
    return (code ? NET_CODES[code] : undefined) ?? firstRule(RULES, a);
  },
};
