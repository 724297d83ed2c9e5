// Google's receiving side (Gmail, Google Workspace: gmail-smtp-in / aspmx
// .l.google.com, smtp-relay.gmail.com). Its answers end with " - gsmtp" and
// most carry a help anchor, "https://support.google.com/mail/?p=NoSuchUser",
// whose name says the cause. Source: Google's "SMTP error reference"
// (support.google.com/a/answer/3726730) and the help pages the anchors open.
import type { Reason } from '../../domain/reasons.js';
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

/** Help anchors (lower case) → reason. */
const ANCHORS: Record<string, Reason> = {
  nosuchuser: 'userunknown',
  disableduser: 'suspend',
  overquotatemp: 'mailboxfull',
  overquotaperm: 'mailboxfull',
  receivingrate: 'speeding', // the recipient receives too fast: retry slower
  unsolicitedratelimiterror: 'speeding', // temporarily rate limited
  unsolicitedmessageerror: 'spamdetected',
  unsolicitediperror: 'blocked',
  notauthorizederror: 'blocked', // the IP may not send directly, use a relay
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

/** Wordings of the SMTP error reference that carry no anchor, or whose anchor is shared. */
const RULES: readonly Rule[] = [
  { text: 'the email account that you tried to reach does not exist', reason: 'userunknown' },
  { text: "we weren't able to find the recipient domain", reason: 'hostunknown' },
  { text: /the email account that you tried to reach is (?:disabled|inactive)/, reason: 'suspend' },
  { text: /over quota|email quota exceeded/, reason: 'mailboxfull' },
  { text: /receiving mail (?:too quickly|at a rate that prevents)/, reason: 'speeding' },
  { text: /(?:daily|peak) (?:smtp relay|sending) (?:limit|quota) exceeded|daily sending quota exceeded/, reason: 'speeding' },
  { text: /unusual rate of unsolicited mail[^.]*\.[^.]*has been (?:temporarily )?blocked/, reason: 'blocked' },
  { text: 'unusual rate of unsolicited mail', reason: 'speeding' },
  { text: 'very low reputation of the sending', reason: 'badreputation' },
  { text: 'likely unsolicited mail', reason: 'spamdetected' },
  { text: 'not authorized to send email directly to our servers', reason: 'blocked' },
  { text: 'ip not in whitelist for rcpt domain', reason: 'blocked' },
  // 5.7.25 and, against RFC 7372's SPF meaning of X.7.23, 4.7.23: no PTR, or its forward entry is another IP.
  { text: /(?:does not|doesn't) have a ptr record/, reason: 'requireptr' },
  // The 2024 sender requirements, with Google's own meaning of codes RFC 7505 / 8617 / 8689 define
  // otherwise: X.7.27 SPF, X.7.30 DKIM, X.7.32 the From domain's alignment, X.7.29 no TLS.
  { text: /authentication didn't pass|isn't aligned with either the authenticated spf or dkim/, reason: 'authfailure' },
  { text: "wasn't sent over a tls connection", reason: 'securityerror' },
  {
    text: /dmarc policy|not pass authentication checks|sender is unauthenticated|mail is unauthenticated|spf checks?/,
    reason: 'authfailure',
  },
  { text: 'multiple addresses in from: header', reason: 'notcompliantrfc' },
  { text: 'has a policy that prohibited the mail', reason: 'policyviolation' },
  { text: /illegal attachment|content presents a potential security issue/, reason: 'policyviolation' },
  { text: 'message exceeded 50 hops', reason: 'networkerror' }, // a mail loop
  { text: 'mail message is malformed', reason: 'contenterror' },
  { text: /tls required for rcpt domain|must issue a starttls command first/, reason: 'securityerror' },
  // 452 4.5.3 "Your message has too many recipients" (RFC 3463 X.5.3): the message's limit, not the connections'.
  { text: 'too many recipients', reason: 'exceedlimit' },
  { text: 'multiple destination domains per transaction', reason: 'toomanyconn' },
  { text: /temporary system problem|mail server temporarily rejected message|server busy/, reason: 'systemerror' },
  { text: 'mail relay denied', reason: 'norelaying' },
  { text: /missing a valid (?:address in from: header|message-id header)|having no from: header/, reason: 'notcompliantrfc' },
  // At the greeting / HELO: a denial of service guard, or a HELO name Google refuses.
  { text: /try again later, closing connection|helo\/ehlo argument is invalid/, reason: 'blocked' },
  { text: 'timeout - closing connection', reason: 'expired' },
  { text: 'mail sending denied', reason: 'rejected' }, // the sending account is disabled in its Workspace domain
  {
    text: /smtp protocol violation|no commands allowed to pipeline|unrecognized command|(?:ehlo\/helo|mail|rcpt) first/,
    reason: 'syntaxerror',
  },
  {
    text: /application-specific password required|username and password not accepted|please log in (?:via|with) your web browser|invalid credentials for relay/,
    reason: 'securityerror',
  },
];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['google.com', 'googlemail.com', 'gmail.com'];

export const google: Provider = {
  name: 'google',
  is: (a) =>
    under(a.host, HOSTS) ||
    / - gsmtp\b/.test(a.text) ||
    a.text.includes('support.google.com/mail') ||
    (a.host === '' && (a.domain === 'gmail.com' || a.domain === 'googlemail.com')),
  reason(a) {
    const anchor = ANCHOR.exec(a.text)?.[1];
    return (anchor ? ANCHORS[anchor] : undefined) ?? firstRule(RULES, a);
  },
};
