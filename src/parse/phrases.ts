// Diagnostic phrases per reason, as data. Each entry: a lower-case substring
// (or a RegExp on the lower-cased text) and a real-looking diagnostic that a
// test runs through the classifier. Order matters: the first reason whose
// phrase matches wins, so sender-side reasons come first — a text that names
// a blocklist or SPF must never quarantine the recipient.
import type { Reason } from '../domain/reasons.js';

export type Pattern = string | RegExp;
export interface PhraseList {
  reason: Reason;
  phrases: ReadonlyArray<readonly [Pattern, string]>;
}

/**
 * Compound phrases checked before everything else: texts in which a
 * generic word ("access denied", "relay", "policy") would mislead.
 */
export const OVERRIDE_PHRASES: readonly PhraseList[] = [
  {
    reason: 'userunknown',
    phrases: [
      ['recipient address rejected: access denied', '550 5.4.1 [a@example.org]: Recipient address rejected: Access denied'],
      ['recipientnotfound', '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'],
      // The local system's own directory lookup (Domino, Notes, Exchange 2003, IMail, MMS gateways):
      // sure, whichever SMTP command it answered.
      // Courier's local delivery: no account of that name ("550 User <name> unknown", a bare local part).
      [/\buser <[^@<>\s]+> unknown\b/, '550 User <nosuchuser> unknown'],
      ['not listed in domino directory', 'User some.name (a@example.jp) not listed in Domino Directory'],
      ['not listed in public name & address book', 'User not listed in public Name & Address Book'],
      ['ディレクトリのリストにありません', 'ディレクトリのリストにありません'],
      ['ディレクトリには見つかりません', 'Neko (a@example.co.jp) は Domino ディレクトリには見つかりません。'],
      [
        'the recipient name is not recognized',
        'The recipient name is not recognized MSEXCH:IMS:EXAMPLE:NEKO 0 (000C05A6) Unknown Recipient',
      ],
      ['invalid final delivery userid', 'Invalid final delivery userid: a@example.co.jp'],
      [/^unknown user: /, 'Unknown user: a@example.com'],
      // Yahoo's inbound MX answers its directory lookup after DATA ("554 delivery error: dd ...").
      [
        /delivery error: dd this user doesn't have an? [a-z0-9.-]+ account/,
        "554 delivery error: dd This user doesn't have a yahoo.com account (a@yahoo.com) [0] - mta1001.mail.ne1.yahoo.com",
      ],
      ['no valid recipients', 'Error: No valid recipients for this MM'],
    ],
  },
  {
    reason: 'securityerror',
    phrases: [
      ['smtp authentication', '550-Please turn on SMTP Authentication in your mail client.'],
      ['without authentication', '550 192.0.2.1 is not permitted to relay through this server without authentication.'],
      ['unauthenticated senders', '550 Unauthenticated senders not allowed'],
      ['delivery not authorized', '551 5.7.1 <a@example.net>: Recipient address rejected: Delivery not authorized'],
    ],
  },
  {
    reason: 'spamdetected',
    phrases: [
      ['blacklisted url', '550-REJECTED - Blacklisted URL in message. (example.com) in [black].'],
      ['uribl', '550 Message contains a link listed in uribl.example.net'],
      ['surbl', '554 Message rejected: URL listed in multi.surbl.org'],
    ],
  },
  {
    reason: 'policyviolation',
    phrases: [
      ['content presents a potential', '552-5.7.0 This message was blocked because its content presents a potential security issue.'],
      ['header error', '554 5.7.0 Header error'],
    ],
  },
  {
    reason: 'toomanyconn',
    phrases: [
      ['frequency limited', '550 Connection frequency limited. http://service.mail.qq.com/cgi-bin/help?id=20022'],
      ['connection rate limit', '452 4.3.2 Connection rate limit exceeded.'],
    ],
  },
  {
    reason: 'networkerror',
    phrases: [
      ['host not found, try again', 'Name service error for name=example.org type=MX: Host not found, try again'],
      [
        'malformed or unexpected name server reply',
        'Name service error for name=example.org type=MX: Malformed or unexpected name server reply',
      ],
      ['dns query failed', '550 5.4.312 Message expired, DNS query failed'],
      [/connect to .{0,120}(?:connection refused|connection timed out)/, 'connect to mx.example.org[192.0.2.1]:25: Connection refused'],
      // An MTA's own words for a TCP connection that the remote host refused (no SMTP server answered):
      // Sendmail's "Connection refused by host.", Courier's bare "Connection refused".
      [/^(?:deferred: )?connection refused(?: by [a-z0-9.-]+)?$/, 'Deferred: Connection refused by mx.example.org.'],
    ],
  },
  {
    reason: 'rejected',
    phrases: [
      ['purported responsible address', "550 5.7.1 can't determine Purported Responsible Address"],
      ['all recipient addresses rejected', '550 5.4.1 All recipient addresses rejected : Access denied'],
      ['domain of sender address', '553 5.1.8 <a@example.org>... Domain of sender address a@example.org does not exist'],
      ['sender address rejected', '501 5.1.8 Sender address rejected'],
    ],
  },
  {
    reason: 'expired',
    phrases: [['still undelivered', 'Deferred: 421 Warning: message still undelivered after 4 hours']],
  },
  {
    reason: 'hostunknown',
    phrases: [
      ['domain is not reachable', '554 The mail could not be delivered to the recipient because the domain is not reachable.'],
      ['domain does not exist', 'Domain does not exist'],
    ],
  },
];

export const SENDER_SIDE_PHRASES: readonly PhraseList[] = [
  {
    reason: 'authfailure',
    phrases: [
      ['spf check failed', '550 5.7.1 SPF check failed: sender not permitted'],
      [/\bspf\b.{0,40}(?:fail|reject|not (?:pass|authori|permitted))/, '550 5.7.23 Message rejected due to SPF policy: fail'],
      [/(?:fail|reject|violat)\w*.{0,30}\bspf\b/, '550 Rejected by SPF: 192.0.2.1 is not allowed to send mail for example.org'],
      [/\bdmarc\b/, '550 5.7.1 Email rejected per DMARC policy for example.org'],
      [/\bdkim\b.{0,40}(?:fail|invalid|required|not (?:pass|valid))/, '550 5.7.20 DKIM signature invalid or missing'],
      ['is not designated to send', '550 5.7.1 The sending IP 192.0.2.1 is not designated to send for example.org'],
      ['sender policy framework', '550 5.7.1 Message rejected by Sender Policy Framework'],
      ['unauthenticated email', "550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy"],
      [
        'not pass authentication checks',
        '550-5.7.26 This mail has been blocked because the sender is unauthenticated. It did not pass authentication checks',
      ],
      ['sender is unauthenticated', '550 5.7.26 This mail has been blocked because the sender is unauthenticated'],
      ['sender address fails authentication', '550 5.7.1 Sender address fails authentication'],
      [
        'does not have authentication information',
        '550-5.7.1 This message does not have authentication information or fails to pass authentication checks',
      ],
      ['fails to pass authentication', '550 5.7.1 Message fails to pass authentication checks (SPF or DKIM)'],
    ],
  },
  {
    reason: 'requireptr',
    phrases: [
      ['no ptr record', '550 5.7.25 The IP address sending this message does not have a PTR record setup'],
      ['ptr record', '550 5.7.1 Client host rejected: cannot find your PTR record'],
      [/reverse (?:dns|lookup|hostname|address|name)/, '550 5.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.1]'],
      ['cannot find your hostname', '450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]'],
      ['cannot resolve your address', '550 5.7.1 cannot resolve your address 192.0.2.1'],
      ['no reverse dns', '550 No reverse DNS for 192.0.2.1'],
      ['rdns', '554 5.7.1 rDNS lookup failed for 192.0.2.1'],
      ['ip name lookup failed', '550 IP name lookup failed [192.0.2.1]'],
      ['does not resolve to your ip', '550 5.7.1 The hostname mail.example.org does not resolve to your IP address'],
      ['unresolvable relay host name', '554 5.7.1 unresolvable relay host name'],
      ['not have a valid hostname', '554 Your mail server does not have a valid hostname'],
    ],
  },
  {
    reason: 'badreputation',
    phrases: [
      [
        'poor reputation',
        '421 4.7.0 [192.0.2.1] Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address',
      ],
      ['low reputation', '550 5.7.1 Message rejected due to low reputation of the sending domain'],
      ['bad reputation', '554 5.7.1 Rejected: bad reputation of the sending IP'],
      ['reputation of the sending', '421-4.7.0 The IP you are using has a low reputation; reputation of the sending domain is poor'],
      ['ip reputation', '550 5.7.1 Rejected by IP reputation check'],
      ['sender reputation', '554 Message refused by sender reputation check'],
      ['senderscore', '550 rejected by senderscore.org'],
      ['user complaints', '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints'],
    ],
  },
  {
    reason: 'speeding',
    phrases: [
      ['rate limit', '421 4.7.0 Rate limit exceeded, slow down'],
      ['ratelimit', '450 4.7.1 ratelimited'],
      ['rate-limit', '451 rate-limited, slow down'],
      ['too many messages', '452 4.5.3 Too many messages from this sender, slow down'],
      ['sending too fast', '421 You are sending too fast'],
      ['throttl', '421 4.7.28 Message throttled due to high volume'],
      ['unusual rate', '421-4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address'],
      ['too many emails', '550 Too many emails sent from this sender'],
      ['exceeded the rate', '450 You have exceeded the rate limit'],
    ],
  },
  {
    reason: 'norelaying',
    phrases: [
      ['not configured to relay', '501 5.7.1 This system is not configured to relay mail from <a@example.org> to <b@example.jp>'],
      ['relay access denied', '554 5.7.1 <a@example.org>: Relay access denied'],
      ['relaying denied', '550 5.7.1 Relaying denied'],
      ['relay denied', '550 Relay denied'],
      ['relay not permitted', '550 5.7.1 Relay not permitted'],
      ['not permitted to relay', '550 not permitted to relay'],
      ['unable to relay', '550 5.7.1 Unable to relay'],
      ['relaying not allowed', '550 Relaying not allowed'],
      ['we do not relay', '550 We do not relay'],
      ['no relaying', '554 No relaying allowed'],
      ['relay not allowed', '550 relay not allowed'],
      [
        "isn't allowed to relay",
        "553 sorry, that domain isn't in my list of allowed rcpthosts; no valid cert for gatewaying (#5.7.1) isn't allowed to relay",
      ],
      ['in my list of allowed rcpthosts', "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"],
      // Amazon SES refuses to send for an identity (address or domain) the account has not verified.
      [
        'identities failed the check',
        '554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: a@example.org',
      ],
    ],
  },
  {
    reason: 'blocked',
    phrases: [
      ['spamhaus', '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org'],
      ['spamcop', '554 5.7.1 Rejected: 192.0.2.1 listed at bl.spamcop.net'],
      ['barracudacentral', '554 Service unavailable; Client host [192.0.2.1] blocked using b.barracudacentral.org'],
      ['blocked using', '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using dnsbl.example.net'],
      [/\b(?:dns)?(?:bl|rbl)\b(?!\.)/, '550 Your IP is on our RBL'],
      ['blacklist', '550 Rejected: your IP 192.0.2.1 is blacklisted'],
      ['blocklist', '554 5.7.1 Your address is on a blocklist'],
      ['block list', '550 5.7.1 Your IP address is on a block list'],
      ['denylist', '550 Sender IP is on our denylist'],
      [
        /\blisted (?:in|on|at|by)\b.{0,40}(?:bl\b|rbl|dnsbl|spam|block|black|sorbs|barracuda|abuse)/,
        '554 Rejected - 192.0.2.1 listed at dnsbl.example.net',
      ],
      [/\bip\b.{0,40}\b(?:blocked|banned|rejected|refused|not allowed)/, '550 5.7.1 Your IP 192.0.2.1 has been blocked'],
      [/(?:access|connection|service|relaying) (?:denied|refused|not allowed).{0,40}\d+\.\d+\.\d+\.\d+/, '554 Access denied for 192.0.2.1'],
      ['client host rejected', '554 5.7.1 Client host rejected: Access denied'],
      ['client host blocked', '550 Client host blocked'],
      ['connection refused', '554 Connection refused from 192.0.2.1'],
      ['connection rejected', '554 Connection rejected by policy'],
      ['your ip address', '550 Your IP address is not allowed to send mail here'],
      ['your network', '550 Mail from your network is not accepted'],
      ['dynamic ip', '550 Dynamic IP addresses are not accepted'],
      ['dial-up', '550 Dial-up or dynamic IP addresses are not accepted'],
      ['dynamic/residential', '554 Rejected: dynamic/residential IP range'],
      ['residential', '554 Rejected: residential IP range'],
      ['please use the smtp server of your isp', '550 5.7.0 <a@example.jp>... Please use the smtp server of your ISP.'],
      ['my name was rejected', 'Connected to 192.0.2.1 but my name was rejected.'],
      ['helo command rejected', '504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname'],
      ['invalid helo', '550 Invalid HELO name'],
      ['bad helo', '550 Bad HELO'],
      ['not allowed to send', '550 You are not allowed to send mail from this host'],
      ['banned sender', '550 Banned sender'],
      ['has been temporarily blocked', '421 4.7.0 Your IP has been temporarily blocked'],
      ['relay quota', "554 You've reached your daily relay quota - 192.0.2.1"],
      ['not accepting connections', '554 mx.example.org ESMTP not accepting connections'],
      ['sender ip', '550 Sender IP not permitted'],
      ['mail server of your isp', 'Please use the mail server of your ISP'],
      ['not accepting mail from', '550 We are not accepting mail from 192.0.2.1'],
    ],
  },
  {
    reason: 'notcompliantrfc',
    phrases: [
      ['rfc 5322', '550 5.7.1 This message is not RFC 5322 compliant'],
      ['rfc5322', '550 Message not rfc5322 compliant'],
      ['rfc 2822', '550 Message is not RFC 2822 compliant'],
      ['rfc2822', '554 Message does not conform to rfc2822'],
      ['not rfc compliant', '554 Message not RFC compliant'],
      ['multiple from', '550 5.7.1 Message contains multiple From headers'],
      ['multiple addresses in from', '550-5.7.1 Messages with multiple addresses in From: header are not accepted.'],
      ['duplicate header', '550 Duplicate header found'],
    ],
  },
];
