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
  // Recipients.
  { status: '5.1.10', reason: 'userunknown' }, // RESOLVER.ADR.RecipientNotFound
  { text: 'resolver.adr.exrecipnotfound', reason: 'userunknown' },
  { text: 'resolver.adr.recipnotfound', reason: 'userunknown' },
  { status: '5.4.1', text: 'recipient address rejected: access denied', reason: 'userunknown' }, // directory-based edge blocking
  // Outlook.com's answer to RCPT for an address it does not host.
  { text: /requested action not taken: mailbox unavailable/, reason: 'userunknown' },
  { status: '5.2.1', text: 'mailbox cannot be accessed', reason: 'suspend' },
  { text: 'banned recipient', reason: 'suspend' }, // 5.7.504 / 5.7.505
  { text: 'recipient has exceeded their limit for', reason: 'toomanyconn' }, // 5.2.122 receive limit per hour
  { text: 'recipient thread limit exceeded', reason: 'toomanyconn' }, // 4.3.2 STOREDRV: deliveries to one mailbox at once
  { status: ['5.2.', 121, 122], reason: 'toomanyconn' },
  { text: 'submission quota exceeded', reason: 'speeding' }, // 5.2.2 on the sending side
  { status: '5.1.90', reason: 'speeding' }, // daily recipient limit of the sending mailbox
  // Routing and DNS.
  { status: '5.4.310', reason: 'hostunknown' }, // DNS domain does not exist
  { status: ['5.4.', 6, 6], reason: 'networkerror' }, // routing loop
  { status: '5.4.14', reason: 'networkerror' }, // hop count exceeded
  // 4.4.312 / 5.4.312, Microsoft's own code for "DNS query failed": the queue expired ("Message expired, DNS
  // query failed") because the lookup kept failing, so the cause is the DNS's, as phrases.ts reads it. The
  // generic 4.4.7 "Message expired" stays an expiry whatever its last try said.
  { status: '5.4.312', reason: 'networkerror' },
  { status: '4.4.312', reason: 'networkerror' },
  { text: /\bmessage expired\b/, reason: 'expired' }, // 4.4.7 / 5.4.300 / 5.4.316: the queue gave up
  { status: '5.6.11', reason: 'contenterror' }, // bare linefeeds / invalid characters
  { status: '5.3.190', reason: 'policyviolation' }, // journaling to the tenant not allowed by its settings
  // The sender's authentication and reputation.
  { status: '5.7.23', reason: 'authfailure' }, // SPF violation
  { status: '5.7.509', reason: 'authfailure' }, // DMARC reject
  { status: '5.7.515', reason: 'authfailure' }, // required authentication level (bulk-sender rule)
  { status: '4.7.26', reason: 'authfailure' },
  { status: '5.7.25', reason: 'requireptr' },
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
  { text: 'delivery not authorized, message refused', reason: 'rejected' },
  { status: '5.7.508', reason: 'toomanyconn' }, // exceeded permitted limits within the range
  { status: ['5.7.', 700, 749], text: 'exceeded threshold', reason: 'toomanyconn' },
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
const HOSTS: readonly string[] = ['outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'office365.com', 'outlook.office365.com'];

export const microsoft: Provider = {
  name: 'microsoft',
  is: (a) => under(a.host, HOSTS) || MARKS.test(a.text) || (a.host === '' && /^(?:hotmail|outlook|live|msn)\.[a-z.]+$/.test(a.domain)),
  reason: (a) => firstRule(RULES, a),
};
