// Yahoo's receiving side (Yahoo Mail, AOL, Verizon/Yahoo Inc. mailboxes:
// mta*.am0.yahoodns.net, *.mail.yahoo.com). Refusals carry a bracketed code
// ("[TS03]", "[TSS04]", "[PH01]", "[BL21]") that Yahoo's "SMTP error codes"
// page for senders (senders.yahooinc.com / postmaster.yahooinc.com) explains,
// and its directory lookups answer "delivery error: dd ...". AOL's servers
// (now Yahoo's) used their own bracketed labels, explained on AOL's
// postmaster error-code page: "(DNS:NR)" no reverse DNS for the IP, and
// "(RTR:BB)", "(RLY:B1)", "(HVU:B1)", "(DYN:T1)", "(CON:B1)" refusals of the
// sending IP (block lists, dynamic ranges, reputation, connection limits).
import type { Reason } from '../../domain/reasons.js';
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

const CODE = /\[(ts0\d|tss\d\d|ph0\d|bl\d\d|gl0\d|ts\d\d)\]/;

const CODES: Record<string, Reason> = {
  ts01: 'badreputation', // deferred due to user complaints
  ts02: 'badreputation', // deferred due to unexpected volume or complaints
  ts03: 'blocked', // all messages from the IP permanently deferred
  tss04: 'badreputation', // temporarily deferred: unexpected volume or user complaints
  tss09: 'blocked', // all messages from the IP will be permanently deferred
  tss11: 'speeding', // too many unknown recipients / connections: slow down
  ph01: 'policyviolation', // content not accepted for policy reasons (phishing, malware links)
  bl21: 'blocked',
  bl22: 'blocked',
  bl23: 'blocked', // the IP is on Spamhaus' lists
  gl01: 'speeding', // unexpected volume from a new IP: ramp up slowly
};

const RULES: readonly Rule[] = [
  // AOL wrote the label in parentheses ("554- (RTR:BB)") or bare ("421 DYN:T1 http://postmaster.info.aol.com/...").
  { text: /\bdns:nr\b/, reason: 'requireptr' },
  { text: /\b(?:rtr|rly|hvu|dyn|con):[a-z][a-z0-9]\b/, reason: 'blocked' },
  {
    text: /delivery error: dd (?:this user doesn't have an? [a-z0-9.-]+ account|requested mail action aborted, mailbox not found|not a valid recipient)/,
    reason: 'userunknown',
  },
  { text: 'requested mail action aborted, mailbox not found', reason: 'userunknown' },
  // "554 delivery error: dd a@yahoo.com is no longer valid. [-20]": the account existed and is closed.
  { text: /delivery error: dd \S+ is no longer valid/, reason: 'suspend' },
  // "450 User is receiving mail too quickly": the recipient's own receiving rate.
  { text: 'user is receiving mail too quickly', reason: 'speeding' },
  { text: 'headers are not rfc compliant', reason: 'notcompliantrfc' },
  // AOL's servers (Yahoo's now) when the recipient's domain does not resolve: "Host or domain name not found".
  { text: /host or domain name not found\. name service error for name=(?:[a-z0-9-]+\.)*aol\.[a-z.]+ /, reason: 'hostunknown' },
  { text: 'resources temporarily unavailable', reason: 'systemerror' }, // Yahoo's own servers, "[#4.16.1]"
  { text: /this (?:mailbox|account) (?:is|has been) disabled|account has been (?:disabled|discontinued)/, reason: 'suspend' },
  { text: /mailbox (?:is )?full|over quota/, reason: 'mailboxfull' },
  { text: /sender is unauthenticated|dmarc|not pass authentication/, reason: 'authfailure' },
  { text: 'message not accepted for policy reasons', reason: 'policyviolation' },
  { text: /max message per connection|too many (?:connections|concurrent)/, reason: 'toomanyconn' },
  { text: /because the ip is in spamhaus/, reason: 'blocked' },
  { text: /unresolvable rfc\.?5321 (?:from )?domain/, reason: 'rejected' }, // the MAIL FROM domain does not resolve
];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['yahoo.com', 'yahoodns.net', 'yahoo.co.jp', 'aol.com', 'verizon.net'];

export const yahoo: Provider = {
  name: 'yahoo',
  is: (a) =>
    under(a.host, HOSTS) ||
    a.text.includes('postmaster.yahooinc.com') ||
    a.text.includes('senders.yahooinc.com') ||
    // AOL's error-code pages, older (postmaster.info.aol.com/errors/554rtrbb.html) and newer
    // (postmaster.aol.com/error-codes#554hvub1): its labels beside them are read whatever host answered.
    /postmaster\.(?:info\.)?aol\.com/.test(a.text) ||
    /\.yahoo\.com\b/.test(a.text) ||
    (a.host === '' && /^(?:yahoo|ymail|rocketmail|aol|aim)\.[a-z.]+$/.test(a.domain)),
  reason(a) {
    const code = CODE.exec(a.text)?.[1];
    return (code ? CODES[code] : undefined) ?? firstRule(RULES, a);
  },
};
