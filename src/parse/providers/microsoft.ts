// Microsoft's receiving side: Outlook.com / Hotmail / Live / MSN mailboxes and
// Exchange Online Protection (*.mail.protection.outlook.com). Sources:
// Microsoft's "Email non-delivery reports and SMTP errors in Exchange Online"
// (its own enhanced codes, 5.7.5xx–7xx, 4.7.5xx–8xx, RESOLVER.* / STOREDRV.*
// names) and the Outlook.com postmaster troubleshooting page (S3140/S3150,
// SC-00x, DY-00x, OU-00x, RP-00x codes). The third number of these codes is
// Microsoft's, so the table is read only when Microsoft answered.
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

const RULES: readonly Rule[] = [
  // Outlook.com's own labels, first: they may come with any status.
  { text: /\b(?:sc|dy|ou)-00\d\b/, reason: 'blocked' }, // policy reasons: IP/domain reputation, dynamic IP, compromised host
  { text: /\brp-00\d\b/, reason: 'speeding' }, // rate limits per hour / day
  { text: /\(s31\d\d\)/, reason: 'blocked' }, // S3140 dynamic range, S3150 network on the block list
  { text: /weren't sent\. please contact your internet service provider/, reason: 'blocked' },
  // Exchange Server's "Content Filter agent quarantined this message" (5.2.1, before 5.2.1's mailbox rule).
  { text: 'content filter agent quarantined', reason: 'spamdetected' },
  // 5.4.318 / 4.4.318 "(SuspiciousRemoteServerError)", before "Message expired" below: the remote end reset.
  { text: '(suspiciousremoteservererror)', reason: 'systemerror' },
  // Exchange Online's outbound DANE / DNSSEC checks (4.7.321–325, 5.7.321–325 in the NDR reference).
  { text: /tlsa-invalid|dnssec-invalid|certificate-host-mismatch|certificate-expired/, reason: 'authfailure' },
  { text: /starttls is required to send mail|starttls-not-supported/, reason: 'securityerror' },
  // Recipients.
  { status: '5.1.10', reason: 'userunknown' }, // RESOLVER.ADR.RecipientNotFound
  { text: 'resolver.adr.exrecipnotfound', reason: 'userunknown' },
  { text: 'resolver.adr.recipnotfound', reason: 'userunknown' },
  { status: '5.4.1', text: 'recipient address rejected: access denied', reason: 'userunknown' }, // directory-based edge blocking
  { status: '5.7.504', reason: 'suspend' }, // "Recipient address rejected: Access denied": the address is not valid any more
  // Exchange Server's RFC 2606 / single-label recipient domains and X.400 addresses: no such recipient.
  { text: /recipient address reserved by rfc 2606|single label domains not accepted|invalid x\.400 address/, reason: 'userunknown' },
  // Outlook.com's answer to RCPT for an address it does not host.
  { text: /requested action not taken: mailbox unavailable/, reason: 'userunknown' },
  { status: '5.2.1', text: 'mailbox cannot be accessed', reason: 'suspend' },
  { text: 'banned recipient', reason: 'suspend' }, // 5.7.504 / 5.7.505
  { text: 'recipient has exceeded their limit for', reason: 'toomanyconn' }, // the older 5.2.122 wording
  // 4.3.2 STOREDRV "recipient thread limit exceeded", 5.2.121 / 5.2.122 "recipient's per hour message receive
  // limit (from specific sender) exceeded": the sender sends this recipient too much too fast.
  { text: 'recipient thread limit exceeded', reason: 'speeding' },
  { status: ['5.2.', 121, 122], reason: 'speeding' },
  { text: 'submission quota exceeded', reason: 'speeding' }, // 5.2.2 on the sending side
  { status: '5.1.90', reason: 'speeding' }, // daily recipient limit of the sending mailbox
  // Routing and DNS.
  { status: '5.4.310', reason: 'hostunknown' }, // DNS domain does not exist
  // 5.4.4 SMTPSEND.DNS.NonExistentDomain, "Invalid arguments", 4.4.316 "Connection refused": Microsoft's
  // reference puts them on the sending server's DNS or network, not on the recipient's domain.
  { status: '5.4.4', reason: 'networkerror' },
  { status: '4.4.316', reason: 'networkerror' },
  { status: '4.4.1', text: 'connection timed out', reason: 'expired' },
  // 4.4.2 "Connection dropped": rate limits, antispam or firewall refusing the Exchange server.
  { status: '4.4.2', text: 'connection dropped', reason: 'blocked' },
  { status: ['5.4.', 6, 6], reason: 'networkerror' }, // routing loop
  { status: '5.4.14', reason: 'networkerror' }, // hop count exceeded
  // 4.4.312 / 5.4.312, Microsoft's own code for "DNS query failed": the queue expired ("Message expired, DNS
  // query failed") because the lookup kept failing, so the cause is the DNS's, as phrases.ts reads it. The
  // generic 4.4.7 "Message expired" stays an expiry whatever its last try said.
  { status: '5.4.312', reason: 'networkerror' },
  { status: '4.4.312', reason: 'networkerror' },
  { text: /\bmessage expired\b/, reason: 'expired' }, // 4.4.7 / 5.4.300 / 5.4.316: the queue gave up
  { status: '5.6.11', reason: 'contenterror' }, // bare linefeeds / invalid characters
  // The message moved to the poison queue, an agent's loop, its content invalid.
  { text: /too many related errors|agent generated message depth exceeded|invalid message content/, reason: 'contenterror' },
  // 5.0.350 with Exchange's "x-dg-ref header is too long" / "policy violation detected (AS345)" (nested attachments).
  { status: '5.0.350', text: /x-dg-ref header is too long|policy violation detected/, reason: 'policyviolation' },
  // Journaling to the tenant while its Journaling Archive is off: the tenant's configuration, as the
  // reference parser reads it.
  { status: '5.3.190', reason: 'systemerror' },
  // Exchange Server's configuration failures (4.3.2 "Service not available / not active", 5.3.5, 5.0.0 HELO
  // without a domain, 5.1.4 ambiguous address, 5.2.4 list expansion, 5.2.14 forwarding, "Temporary server error").
  {
    text: /system incorrectly configured|helo \/ ehlo requires domain address|destination mailbox address ambiguous|mailing list expansion problem|misconfigured forwarding address|temporary server error\. please try again later|message failed to be replicated|pfa agent busy/,
    reason: 'systemerror',
  },
  { status: '4.3.2', text: /service not (?:available|active)/, reason: 'systemerror' },
  { status: '4.3.2', text: 'system not accepting network messages', reason: 'notaccept' },
  { status: '5.3.2', text: 'missing or bad storedriver mdb properties', reason: 'notaccept' },
  { status: '4.3.1', text: 'insufficient system resources', reason: 'systemfull' },
  { status: '5.3.3', text: 'unrecognized command', reason: 'syntaxerror' },
  // The sender's authentication and reputation.
  { status: '5.7.23', reason: 'authfailure' }, // SPF violation
  { status: '5.7.509', reason: 'authfailure' }, // DMARC reject
  { status: '5.7.515', reason: 'authfailure' }, // required authentication level (bulk-sender rule)
  { status: '4.7.26', reason: 'authfailure' },
  // 5.7.25 "the sending IPv6 address must have a reverse DNS record": a refusal of the connecting host, as
  // the reference parser reads it; other 5.7.25 answers keep the PTR reading.
  { status: '5.7.25', text: 'access denied', reason: 'blocked' },
  { status: '5.7.25', reason: 'requireptr' },
  { status: '5.7.51', text: 'restrictdomainstoipaddresses', reason: 'blocked' }, // TenantInboundAttribution
  { status: '5.7.57', reason: 'securityerror' }, // not authenticated to send anonymous mail
  { status: '4.7.66', reason: 'securityerror' }, // TLS 1.0 / 1.1 refused: TLS 1.2 required
  { status: '5.7.64', reason: 'norelaying' }, // TenantAttribution; Relay Access Denied
  { text: /relay access denied|unable to relay/, reason: 'norelaying' }, // 5.4.1 / 5.7.1: EOP will not relay for a domain it does not host
  { status: '5.7.512', reason: 'notcompliantrfc' }, // From must be RFC 5322 3.6.2 compliant
  { status: '5.7.750', reason: 'rejected' }, // sending from unregistered domains
  { status: ['5.7.', 501, 503], reason: 'rejected' }, // the sending account banned for spam abuse
  { status: '5.1.8', reason: 'rejected' }, // bad outbound sender
  { status: '5.1.0', text: 'sender denied', reason: 'rejected' },
  // Delivery restrictions of the recipient (groups, moderated mailboxes): the sender may not send there.
  { status: ['5.7.', 12, 13], reason: 'rejected' },
  { status: '5.7.124', reason: 'rejected' },
  { status: ['5.7.', 133, 136], reason: 'rejected' },
  { text: /resolver\.rst\.(?!recipsizelimit)/, reason: 'rejected' },
  // 5.7.900–999: a mail flow (transport) rule of the recipient's organisation rejected the message.
  { status: ['5.7.', 900, 999], reason: 'policyviolation' },
  { text: 'delivery not authorized, message refused', reason: 'rejected' },
  // 5.7.508 "exceeded permitted limits within $range range", 5.7.700–749 "tenant has exceeded threshold" /
  // "traffic not accepted from this IP": the sender's volume, too much too fast.
  { status: '5.7.508', reason: 'speeding' },
  { status: ['5.7.', 700, 749], text: /exceeded threshold|traffic not accepted from this ip/, reason: 'speeding' },
  { text: 'rate limited due to ip reputation', reason: 'badreputation' }, // 4.7.650
  { status: ['5.7.', 506, 507], reason: 'blocked' }, // bad HELO, rejected by recipient
  { status: '5.5.4', text: 'invalid domain name', reason: 'blocked' }, // the sender's HELO/EHLO name, not the recipient's domain
  { status: ['5.7.', 510, 511], reason: 'blocked' }, // no IPv6 / banned sender IP
  { status: '5.7.513', reason: 'blocked' }, // customer block list
  { status: '5.7.520', reason: 'policyviolation' }, // the organisation does not allow external forwarding
  { status: ['5.7.', 606, 649], reason: 'blocked' }, // banned sending IP
  { status: ['5.7.', 700, 749], reason: 'blocked' }, // traffic not accepted from this IP
  { status: '4.7.500', text: 'server busy', reason: 'systemerror' },
  { text: 'exceeded the maximum number of connections', reason: 'toomanyconn' }, // 4.7.652 // Outlook.com's "Server busy. Please try again later" (S77719)
  { status: ['4.7.', 500, 699], reason: 'blocked' }, // access denied, try again later (suspicious IP)
  { status: ['4.7.', 850, 899], reason: 'blocked' },
];

// Microsoft's own hosts and links, and the component names its NDRs carry.
const MARKS =
  /protection\.outlook\.com|\.prod\.outlook\.com|mail\.live\.com|postmaster\.live\.com|sender\.office\.com|sendersupport\.olc|go\.microsoft\.com\/fwlink|delist@microsoft\.com|aka\.ms\/|storedrv\.|resolver\.(?:adr|rst)\.|smtpsend\.|queue\.expired|transport\.rules\./;

/** The provider's hosts (a remote host under one of them is this provider's). */
// onmicrosoft.com (tenants' own domains) and exchangelabs.com (Exchange Online's hosts) also answer for it.
const HOSTS: readonly string[] = [
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'office365.com',
  'outlook.office365.com',
  'onmicrosoft.com',
  'exchangelabs.com',
];

export const microsoft: Provider = {
  name: 'microsoft',
  is: (a) => under(a.host, HOSTS) || MARKS.test(a.text) || (a.host === '' && /^(?:hotmail|outlook|live|msn)\.[a-z.]+$/.test(a.domain)),
  reason: (a) => firstRule(RULES, a),
};
