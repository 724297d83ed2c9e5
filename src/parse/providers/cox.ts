// Cox Communications (cox.net): refusals carry "AUP#CXBL", "AUP#IPBL0001",
// ... codes that Cox's "email error codes" support page explains.
import type { Reason } from '../../domain/reasons.js';
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

const CODES: Record<string, Reason> = {
  cxbl: 'blocked',
  cdrbl: 'blocked', // the sending IP blocked for spam-like behaviour
  cxdns: 'requireptr', // the connecting IP's DNS
  cxthrt: 'securityerror',
  cxmj: 'securityerror', // suspicious activity on the sending account
  cxsndr: 'authfailure', // the mail failed the sending domain's SPF / DomainKeys / DKIM checks
  cxsmtp: 'rejected', // the sender's domain cannot be verified
  cxcnct: 'toomanyconn', // concurrent connections per IP
  cxmxrt: 'speeding', // too many messages sent
};

const RULES: readonly Rule[] = [
  { text: /aup#ipbl\d+/, reason: 'blocked' }, // the IP on a DNSBL (Spamhaus, Cloudmark CSI, ...)
  { text: /aup#urlbl\d+/, reason: 'spamdetected' }, // a URL of the message on a URI blocklist
  { text: /rejected - no rdns|dns check failure/, reason: 'requireptr' },
  { text: /too many invalid recipients|cox too many bad commands from/, reason: 'blocked' },
  { text: 'esmtp no data before greeting', reason: 'policyviolation' }, // the sender talked before the greeting
  { text: 'requested action aborted: try again later', reason: 'toomanyconn' }, // a rate limit of the connecting IP
  { text: /too many sessions from|message threshold exceeded/, reason: 'toomanyconn' },
  { text: 'attachment extension is forbidden', reason: 'policyviolation' },
  { text: 'recipient rejected', reason: 'userunknown' },
  { text: 'sender rejected', reason: 'rejected' },
];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['cox.net'];

export const cox: Provider = {
  name: 'cox',
  // Cox's MX hosts are named after its filtering vendor (cloudfilter.net): the recipient's domain says it is Cox.
  is: (a) => under(a.host, HOSTS) || a.domain === 'cox.net' || /aup#(?:cx|cd|ipbl|urlbl)/.test(a.text),
  reason(a) {
    const code = /aup#([a-z]+)\b/.exec(a.text)?.[1];
    return (code ? CODES[code] : undefined) ?? firstRule(RULES, a);
  },
};
