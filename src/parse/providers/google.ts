// Google's receiving side (Gmail, Google Workspace: gmail-smtp-in / aspmx
// .l.google.com, smtp-relay.gmail.com). Its answers end with " - gsmtp" and
// most carry a help anchor, "https://support.google.com/mail/?p=NoSuchUser",
// whose name says the cause. Source: Google's "SMTP error reference"
// (support.google.com/a/answer/3726730) and the help pages the anchors open.
import type { Reason } from '../../domain/reasons.js';
import { under, type Provider, type RemoteAnswer } from './provider.js';
import { firstRule, type Rule } from './rules.js';

/** Help anchors (lower case) → reason. */
const ANCHORS: Record<string, Reason> = {
  nosuchuser: 'userunknown',
  disableduser: 'suspend',
  overquotatemp: 'mailboxfull',
  overquotaperm: 'mailboxfull',
  receivingrate: 'speeding', // the recipient receives too fast: retry slower
  // "An unusual rate of (unsolicited) mail" from the IP, DKIM or SPF domain, rate limited or blocked:
  // the sending host is refused for what it sends, as the reference parser reads it (docs/reasons.md).
  unsolicitedratelimiterror: 'blocked',
  unsolicitedmessageerror: 'spamdetected',
  unsolicitediperror: 'blocked',
  // The IP may not send directly to Google: use your provider's relay. A relaying matter, as the
  // reference parser reads it (and as "Invalid credentials for relay" of the SMTP relay service is).
  notauthorizederror: 'norelaying',
  ipv6autherror: 'requireptr',
  unauthenticatedemail: 'authfailure',
  senderautherror: 'authfailure',
  dmarcrejection: 'authfailure',
  blockedmessage: 'policyviolation', // attachment or content policy
  msgsizelimit: 'mesgtoobig',
  maxsizeerror: 'mesgtoobig',
  rfcmessagenoncompliant: 'notcompliantrfc', // headers RFC 5322 requires (From, Message-ID) missing or malformed
};

const ANCHOR = /support\.google\.com\/(?:mail|a)\/(?:answer\/\d+)?\??p=([a-z0-9]+)/;

/**
 * Wordings read before the anchor: their anchor is shared with other causes ("BlockedMessage" also
 * links header-syntax refusals, "UnsolicitedRateLimitError" the same-Message-ID quota).
 */
const FIRST: readonly Rule[] = [
  // "550 5.7.1 The message contains a unicode character in a disallowed header", "Encoded-word syntax is
  // not permitted in message header ...": the message's form (RFC 5322 / RFC 2047), not its content.
  { text: /unicode character in a disallowed header|encoded-word syntax is not permitted/, reason: 'notcompliantrfc' },
  // 421 4.7.28 "exceeded its quota for sending messages with the same Message-ID:".
  { text: 'sending messages with the same message-id', reason: 'policyviolation' },
];

/** Wordings of the SMTP error reference that carry no anchor, or whose anchor is shared. */
const RULES: readonly Rule[] = [
  { text: 'the email account that you tried to reach does not exist', reason: 'userunknown' },
  { text: "we weren't able to find the recipient domain", reason: 'hostunknown' },
  { text: /the email account that you tried to reach is (?:disabled|inactive)/, reason: 'suspend' },
  { text: /over quota|email quota exceeded/, reason: 'mailboxfull' },
  { text: /receiving mail (?:too quickly|at a rate that prevents)/, reason: 'speeding' },
  // "Daily user sending limit exceeded", "Daily SMTP relay sending limit exceeded for customer", "Peak SMTP
  // relay limit exceeded", "Daily sending quota exceeded" (SMTP relay service error messages, answer 6140680).
  { text: /(?:daily|peak) (?:user |smtp relay )?(?:sending )?(?:limit|quota) exceeded/, reason: 'speeding' },
  // 421 4.7.28 / 550 5.7.28 "an unusual rate of (unsolicited) mail" (see the anchor above).
  { text: /unusual rate of (?:unsolicited )?mail/, reason: 'blocked' },
  // 552 5.3.4: Google's other limits than the size of the whole message (Gmail receiving limits, answer 1366776).
  {
    text: /exceeds google's limit of \d+ attachments|message header size limit|bytes per individual header size|exceeds google's header name limit/,
    reason: 'exceedlimit',
  },
  { text: 'very low reputation of the sending', reason: 'badreputation' },
  { text: 'likely unsolicited mail', reason: 'spamdetected' },
  { text: 'ip not in whitelist for rcpt domain', reason: 'blocked' },
  // 5.7.25 and, against RFC 7372's SPF meaning of X.7.23, 4.7.23: no PTR, or its forward entry is another IP.
  { text: /(?:does not|doesn't) have a ptr record/, reason: 'requireptr' },
  // The 2024 sender requirements, with Google's own meaning of codes RFC 7505 / 8617 / 8689 define
  // otherwise: X.7.27 SPF, X.7.30 DKIM, X.7.32 the From domain's alignment, X.7.29 no TLS.
  { text: /authentication didn't pass|isn't aligned with either the authenticated spf or dkim/, reason: 'authfailure' },
  { text: /wasn't sent over a tls connection|senders to use tls\/ssl/, reason: 'securityerror' },
  {
    text: /dmarc policy|not pass authentication checks|sender is unauthenticated|mail is unauthenticated|spf checks?/,
    reason: 'authfailure',
  },
  { text: 'multiple addresses in from: header', reason: 'notcompliantrfc' },
  { text: 'has a policy that prohibited the mail', reason: 'policyviolation' },
  { text: /illegal attachment|content presents a potential security issue/, reason: 'policyviolation' },
  { text: 'message exceeded 50 hops', reason: 'networkerror' }, // a mail loop
  // 554 5.6.0 "Mail message is malformed. Not accepted." links the RFC 5322 guidelines: the message's form.
  { text: 'mail message is malformed', reason: 'notcompliantrfc' },
  // 553 5.1.7 "The sender address <...> is not a valid RFC 5321 address" (the sender's), 553 5.1.3 the recipient's.
  { status: '5.1.3', text: 'is not a valid rfc 5321 address', reason: 'userunknown' },
  { text: 'is not a valid rfc 5321 address', reason: 'notcompliantrfc' },
  { text: 'is not rfc 5322 compliant', reason: 'notcompliantrfc' }, // duplicate headers
  { text: /tls required for rcpt domain|must issue a starttls command first/, reason: 'securityerror' },
  // 452 4.5.3 "Your message has too many recipients" (RFC 3463 X.5.3): the message's limit, not the connections'.
  { text: 'too many recipients', reason: 'exceedlimit' },
  // 451 4.3.0 "Multiple destination domains per transaction is unsupported. Please try again.", 452 4.5.3
  // "Domain policy size per transaction exceeded": the receiving side cannot take this transaction now.
  {
    text: /multiple destination domains per transaction|domain policy size per transaction exceeded|mail server (?:has )?temporarily rejected (?:this )?message/,
    reason: 'systemerror',
  },
  { text: /temporary system problem|server busy/, reason: 'systemerror' },
  // 421 4.7.0 "Connection expired, try reconnecting."
  { text: 'connection expired', reason: 'expired' },
  // SMTP relay service: "Mail relay denied", "Invalid credentials for relay <ip>" (the IP or domain is not
  // registered for the Workspace account's relay: a relaying refusal, not a login failure).
  { text: /mail relay denied|invalid credentials for relay/, reason: 'norelaying' },
  { text: 'is not authorized to send email directly to our servers', reason: 'norelaying' },
  { text: /missing a valid (?:address in from: header|message-id:? header)|having no from: header/, reason: 'notcompliantrfc' },
  // At the greeting / HELO: a denial of service guard, or a HELO name Google refuses.
  { text: /try again later, closing connection|helo\/ehlo argument is invalid|empty helo\/ehlo argument not allowed/, reason: 'blocked' },
  { text: 'timeout - closing connection', reason: 'expired' },
  { text: 'mail sending denied', reason: 'rejected' }, // the sending account is disabled in its Workspace domain
  {
    text: /smtp protocol violation|no commands allowed to pipeline|unrecognized command|(?:ehlo\/helo|mail|rcpt) first/,
    reason: 'syntaxerror',
  },
  // About SMTP error messages (answer 3221692): the client's command sequence or syntax.
  {
    text: /syntax error|bad sequence of commands|no data after bdat|unimplemented command|unrecognized authentication type|xoauth is no longer supported|too many unauthenticated commands|optional argument not permitted/,
    reason: 'syntaxerror',
  },
  {
    text: /application-specific password required|username and password not accepted|please log in (?:via|with|through) your web browser|authentication required|too many login attempts|no identity changes permitted/,
    reason: 'securityerror',
  },
];

/**
 * Gmail's own delivery failures name the DNS answer they got: "DNS Error: DNS type 'mx' lookup of
 * example.jp responded with code NXDOMAIN Domain name not found", "... SERVFAIL ... had no relevant
 * answers", "... has a Null MX record". No domain (when final), a lookup that failed for now, or a
 * domain that says it takes no mail (RFC 7505).
 */
function dnsError(a: RemoteAnswer): Reason | null {
  if (!a.text.includes("dns error: dns type '")) return null;
  if (a.text.includes('null mx')) return 'notaccept';
  if (/responded with code nxdomain|domain name not found/.test(a.text)) return a.status.startsWith('5') ? 'hostunknown' : 'networkerror';
  return /had no relevant answers|responded with code servfail/.test(a.text) ? 'networkerror' : null;
}

/**
 * Google's own sentences of the 2024 sender requirements, which name Gmail or carry codes Google uses
 * against their RFC meaning (4.7.23 a PTR, X.7.29 TLS, X.7.32 the From alignment): a relay or a client
 * that quotes the reply without Google's host or its " - gsmtp" tail still quotes Google
 * (support.google.com/a/answer/3726730, the "Gmail requires all senders ..." replies).
 */
const OWN_SENTENCES =
  /\bgmail (?:requires all|has detected)\b|\bthe sending ip address for this message doesn't have a ptr record\b|\bisn't aligned with either the authenticated spf or dkim\b/;

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['google.com', 'googlemail.com', 'gmail.com'];

export const google: Provider = {
  name: 'google',
  is: (a) =>
    under(a.host, HOSTS) ||
    / - gsmtp\b/.test(a.text) ||
    a.text.includes('support.google.com/mail') ||
    a.text.includes("dns error: dns type '") ||
    OWN_SENTENCES.test(a.text) ||
    (a.host === '' && (a.domain === 'gmail.com' || a.domain === 'googlemail.com')),
  reason(a) {
    const first = dnsError(a) ?? firstRule(FIRST, a);
    if (first) return first;
    const anchor = ANCHOR.exec(a.text)?.[1];
    const r = (anchor ? ANCHORS[anchor] : undefined) ?? firstRule(RULES, a);
    // "Unusual rate of unsolicited mail ... temporarily rate limited" is Google's table's block only when
    // Google's own MX said it; the same words from another host are a rate limit, as they say.
    if (r === 'blocked' && !under(a.host, HOSTS) && a.text.includes('temporarily rate limited')) return 'speeding';
    return r;
  },
};
