// The error replies large receiving providers publish (see test/unit/parse-provider-docs.test.ts):
// each row is the provider's documented reply (its stable core, with synthetic addresses and IPs),
// the source that documents it (the comment above each group), and the reason docs/reasons.md
// gives that cause. The sources are listed in docs/parser-generalisation.md ("Provider readers and
// remote-host rules"); no row is copied from a bounce mail.
import { parseMailSync } from '../../src/parse/index.js';
import { ndr } from './provider-ndr.js';

export type Step = 'CONN' | 'HELO' | 'MAIL' | 'RCPT' | 'DATA';

export interface Entry {
  /** The provider's MX (or gateway) host, and the recipient's domain. */
  host: string;
  domain: string;
  status: string;
  /** The reply as the provider's server writes it. */
  reply: string;
  reason: string;
  /** The SMTP step the reply answers (RCPT unless the documentation says otherwise). */
  step?: Step;
}

// Google: "Gmail SMTP errors and codes", https://support.google.com/a/answer/3726730 (every reply
// ends "- gsmtp"); the 2024 sender requirements, https://support.google.com/a/answer/81126 and
// https://support.google.com/mail/answer/14229414. Google gives its own meaning to some RFC 7372 /
// 7505 / 8617 / 8689 codes: 4.7.23 a missing PTR, X.7.27 SPF, X.7.29 no TLS, X.7.30 DKIM, X.7.32
// the From domain's alignment.
const G = { host: 'gmail-smtp-in.l.google.com', domain: 'gmail.com' };
const GMAIL: Entry[] = [
  { ...G, status: '4.3.0', reply: '421 4.3.0 Temporary System Problem. Try again later. x1si - gsmtp', reason: 'systemerror' },
  { ...G, status: '4.4.5', reply: '421 4.4.5 Server busy, try again later. x1si - gsmtp', reason: 'systemerror' },
  { ...G, status: '4.7.0', reply: '421 4.7.0 IP not in whitelist for RCPT domain, closing connection. x1si - gsmtp', reason: 'blocked' },
  {
    ...G,
    status: '4.7.0',
    reply:
      '421-4.7.0 [192.0.2.1 15] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily blocked. x1si - gsmtp',
    reason: 'blocked',
  },
  { ...G, status: '4.7.0', reply: '421 4.7.0 TLS required for RCPT domain, closing connection. x1si - gsmtp', reason: 'securityerror' },
  { ...G, status: '4.7.0', reply: '421 4.7.0 Try again later, closing connection. (EHLO) x1si - gsmtp', reason: 'blocked', step: 'HELO' },
  {
    ...G,
    status: '4.2.1',
    reply:
      '450-4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend your message at a later time. https://support.google.com/mail/?p=ReceivingRate x1si - gsmtp',
    reason: 'speeding',
  },
  {
    ...G,
    status: '4.2.1',
    reply:
      '450-4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered. x1si - gsmtp',
    reason: 'speeding',
  },
  { ...G, status: '4.2.1', reply: '450 4.2.1 Peak SMTP relay limit exceeded for customer. x1si - gsmtp', reason: 'speeding' },
  { ...G, status: '4.3.0', reply: '451 4.3.0 Mail server temporarily rejected message. x1si - gsmtp', reason: 'systemerror', step: 'DATA' },
  {
    ...G,
    status: '4.3.0',
    reply: '451 4.3.0 Multiple destination domains per transaction is unsupported. Please try again. x1si - gsmtp',
    reason: 'systemerror',
  },
  { ...G, status: '4.5.0', reply: '451 4.5.0 SMTP protocol violation, see RFC 2821 x1si - gsmtp', reason: 'syntaxerror' },
  {
    ...G,
    status: '4.7.24',
    reply:
      '451-4.7.24 The SPF record of the sending domain has one or more suspicious entries. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. x1si - gsmtp',
    reason: 'authfailure',
  },
  {
    ...G,
    status: '5.7.24',
    reply:
      '550-5.7.24 The SPF record of the sending domain has one or more suspicious entries. To protect our users from spam, mail sent from your IP address has been blocked. x1si - gsmtp',
    reason: 'authfailure',
  },
  {
    ...G,
    status: '4.2.2',
    reply:
      "452-4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp x1si - gsmtp",
    reason: 'mailboxfull',
  },
  { ...G, status: '4.5.3', reply: '452 4.5.3 Your message has too many recipients. x1si - gsmtp', reason: 'exceedlimit' },
  {
    ...G,
    status: '4.5.0',
    reply: '454 4.5.0 SMTP protocol violation, no commands allowed to pipeline after STARTTLS. x1si - gsmtp',
    reason: 'syntaxerror',
  },
  { ...G, status: '5.5.4', reply: '501 5.5.4 HELO/EHLO argument is invalid. x1si - gsmtp', reason: 'blocked', step: 'HELO' },
  { ...G, status: '5.5.1', reply: '502 5.5.1 Too many unrecognized commands, goodbye. x1si - gsmtp', reason: 'syntaxerror' },
  { ...G, status: '5.5.1', reply: '503 5.5.1 RCPT first. x1si - gsmtp', reason: 'syntaxerror', step: 'DATA' },
  { ...G, status: '5.7.0', reply: '530 5.7.0 Must issue a STARTTLS command first. x1si - gsmtp', reason: 'securityerror', step: 'MAIL' },
  {
    ...G,
    status: '5.1.1',
    reply:
      "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser x1si - gsmtp",
    reason: 'userunknown',
  },
  {
    ...G,
    status: '5.2.1',
    reply: '550-5.2.1 The email account that you tried to reach is disabled. https://support.google.com/mail/?p=DisabledUser x1si - gsmtp',
    reason: 'suspend',
  },
  {
    ...G,
    status: '5.2.1',
    reply:
      '550 5.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered. x1si - gsmtp',
    reason: 'speeding',
  },
  { ...G, status: '5.4.5', reply: '550 5.4.5 Daily sending quota exceeded. x1si - gsmtp', reason: 'speeding', step: 'MAIL' },
  { ...G, status: '5.4.5', reply: '550 5.4.5 Daily SMTP relay limit exceeded for user. x1si - gsmtp', reason: 'speeding', step: 'MAIL' },
  { ...G, status: '5.7.0', reply: '550 5.7.0 Mail relay denied. x1si - gsmtp', reason: 'norelaying' },
  { ...G, status: '5.7.0', reply: '550 5.7.0 Mail Sending denied. x1si - gsmtp', reason: 'rejected', step: 'MAIL' },
  { ...G, status: '5.7.1', reply: '550 5.7.1 Invalid credentials for relay. x1si - gsmtp', reason: 'norelaying', step: 'MAIL' },
  {
    ...G,
    status: '5.7.1',
    reply:
      '550-5.7.1 [192.0.2.1] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been blocked. https://support.google.com/mail/?p=UnsolicitedIPError x1si - gsmtp',
    reason: 'blocked',
  },
  {
    ...G,
    status: '5.7.1',
    reply:
      '550-5.7.1 [192.0.2.1] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. https://support.google.com/mail/?p=UnsolicitedMessageError x1si - gsmtp',
    reason: 'spamdetected',
    step: 'DATA',
  },
  {
    ...G,
    status: '5.7.1',
    reply:
      "550-5.7.1 [192.0.2.1] The IP you're using to send mail is not authorized to send email directly to our servers. Please use the SMTP relay at your service provider instead. https://support.google.com/mail/?p=NotAuthorizedError x1si - gsmtp",
    reason: 'norelaying',
  },
  {
    ...G,
    status: '5.7.1',
    reply:
      '550-5.7.1 The user or domain that you are sending to (or from) has a policy that prohibited the mail that you sent. Please contact your domain administrator for further details. x1si - gsmtp',
    reason: 'policyviolation',
    step: 'DATA',
  },
  {
    ...G,
    status: '5.7.1',
    reply: '550 5.7.1 Unauthenticated email is not accepted from this domain. x1si - gsmtp',
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...G,
    status: '5.7.1',
    reply: '550-5.7.1 Messages missing a valid address in From: header, or having no From: header, are not accepted. x1si - gsmtp',
    reason: 'notcompliantrfc',
    step: 'DATA',
  },
  {
    ...G,
    status: '5.7.1',
    reply:
      '550-5.7.1 This message is not RFC 5322 compliant. Messages with multiple addresses in From: header are not accepted. x1si - gsmtp',
    reason: 'notcompliantrfc',
    step: 'DATA',
  },
  {
    ...G,
    status: '5.7.1',
    reply:
      '550-5.7.1 This message does not meet IPv6 sending guidelines regarding PTR records and authentication. https://support.google.com/mail/?p=IPv6AuthError x1si - gsmtp',
    reason: 'requireptr',
    step: 'DATA',
  },
  {
    ...G,
    status: '5.7.1',
    reply:
      '550-5.7.1 This message is likely suspicious due to the very low reputation of the sending domain. https://support.google.com/mail/answer/188131 x1si - gsmtp',
    reason: 'badreputation',
    step: 'DATA',
  },
  {
    ...G,
    status: '4.7.23',
    reply:
      "421-4.7.23 The sending IP address for this message doesn't have a PTR record, or the PTR record's forward DNS entry doesn't match the sending IP address. To protect users from spam, your email has been rate limited. x1si - gsmtp",
    reason: 'requireptr',
  },
  {
    ...G,
    status: '5.7.25',
    reply:
      '550-5.7.25 [2001:db8::1] The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP. x1si - gsmtp',
    reason: 'requireptr',
  },
  {
    ...G,
    status: '4.7.26',
    reply:
      '421-4.7.26 This mail has been rate limited because it is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF [example.com] with ip: [192.0.2.1] = did not pass x1si - gsmtp',
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...G,
    status: '5.7.26',
    reply:
      '550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF [example.com] with ip: [192.0.2.1] = did not pass https://support.google.com/mail/answer/81126#authentication x1si - gsmtp',
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...G,
    status: '5.7.26',
    reply:
      "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy. Please contact the administrator of example.com domain if this was a legitimate mail. https://support.google.com/mail/answer/2451690 x1si - gsmtp",
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...G,
    status: '4.7.27',
    reply:
      "421-4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message. Gmail requires all bulk email senders to authenticate with SPF. Authentication results: SPF domain = example.com SPF result = none x1si - gsmtp",
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...G,
    status: '5.7.27',
    reply:
      "550-5.7.27 Your email has been blocked because SPF authentication didn't pass for this message. Gmail requires all bulk email senders to authenticate with SPF. Authentication results: SPF domain = example.com SPF result = fail x1si - gsmtp",
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...G,
    status: '4.7.28',
    reply:
      '421-4.7.28 Gmail has detected an unusual rate of unsolicited mail containing the DKIM domain example.com. To protect our users from spam, mail sent from this domain has been temporarily rate limited. https://support.google.com/mail/?p=UnsolicitedRateLimitError x1si - gsmtp',
    reason: 'blocked',
    step: 'DATA',
  },
  {
    ...G,
    status: '4.7.29',
    reply:
      "421-4.7.29 Your email has been rate limited because this message wasn't sent over a TLS connection. Gmail requires all bulk email senders to use TLS/SSL for SMTP connections. x1si - gsmtp",
    reason: 'securityerror',
    step: 'DATA',
  },
  {
    ...G,
    status: '5.7.29',
    reply:
      "550-5.7.29 Your email has been blocked because this message wasn't sent over a TLS connection. Gmail requires all bulk email senders to use TLS/SSL for SMTP connections. x1si - gsmtp",
    reason: 'securityerror',
    step: 'DATA',
  },
  {
    ...G,
    status: '4.7.30',
    reply:
      "421-4.7.30 Your email has been rate limited because DKIM authentication didn't pass for this message. Gmail requires all email bulk senders to authenticate with DKIM. Authentication results: DKIM = did not pass x1si - gsmtp",
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...G,
    status: '5.7.30',
    reply:
      "550-5.7.30 Your email has been blocked because DKIM authentication didn't pass for this message. Gmail requires all email bulk senders to authenticate with DKIM. Authentication results: DKIM = did not pass x1si - gsmtp",
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...G,
    status: '4.7.32',
    reply:
      "421-4.7.32 Your email has been rate limited because the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain. x1si - gsmtp",
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...G,
    status: '5.7.32',
    reply:
      "550-5.7.32 Your email has been blocked because the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain. x1si - gsmtp",
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...G,
    status: '5.2.2',
    reply:
      '552-5.2.2 The email account that you tried to reach is over quota. https://support.google.com/mail/?p=OverQuotaPerm x1si - gsmtp',
    reason: 'mailboxfull',
  },
  {
    ...G,
    status: '5.2.3',
    reply: "552-5.2.3 Your message exceeded Google's message size limits. https://support.google.com/mail/?p=MaxSizeError x1si - gsmtp",
    reason: 'mesgtoobig',
    step: 'DATA',
  },
  {
    ...G,
    status: '5.7.0',
    reply:
      '552-5.7.0 Our system detected an illegal attachment on your message. https://support.google.com/mail/?p=BlockedMessage x1si - gsmtp',
    reason: 'policyviolation',
    step: 'DATA',
  },
  { ...G, status: '5.1.2', reply: "553 5.1.2 We weren't able to find the recipient domain. x1si - gsmtp", reason: 'hostunknown' },
  {
    ...G,
    status: '5.6.0',
    reply: '554 5.6.0 Mail message is malformed. Not accepted. x1si - gsmtp',
    reason: 'notcompliantrfc',
    step: 'DATA',
  },
  {
    ...G,
    status: '5.4.6',
    reply: '554 5.4.6 Message exceeded 50 hops, this may indicate a mail loop. x1si - gsmtp',
    reason: 'networkerror',
    step: 'DATA',
  },
  { ...G, status: '5.5.2', reply: '555 5.5.2 Syntax error. x1si - gsmtp', reason: 'syntaxerror' },
  {
    ...G,
    status: '5.7.1',
    reply:
      '550-5.7.1 [192.0.2.1] This message is not RFC 5322 compliant. Messages missing a valid Message-ID header are not accepted. x1si - gsmtp',
    reason: 'notcompliantrfc',
    step: 'DATA',
  },
  {
    ...G,
    status: '4.7.0',
    reply:
      '421-4.7.0 [192.0.2.1] This message is suspicious due to the very low reputation of the sending IP address. https://support.google.com/mail/answer/188131 x1si - gsmtp',
    reason: 'badreputation',
    step: 'DATA',
  },
];

// Microsoft: "Email non-delivery reports and SMTP errors in Exchange Online",
// https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online
// (and its per-code pages), Outlook.com's postmaster troubleshooting,
// https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx.
const EOP = { host: 'contoso-com.mail.protection.outlook.com', domain: 'contoso.com' };
const OLC = { host: 'outlook-com.olc.protection.outlook.com', domain: 'outlook.com' };
const MICROSOFT: Entry[] = [
  { ...EOP, status: '5.1.1', reply: '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found', reason: 'userunknown' },
  {
    ...EOP,
    status: '5.1.10',
    reply: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient a@contoso.com not found by SMTP address lookup',
    reason: 'userunknown',
  },
  {
    ...EOP,
    status: '5.4.1',
    reply: '550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DM3NAM02FT003.eop-nam02.prod.protection.outlook.com]',
    reason: 'userunknown',
  },
  { ...EOP, status: '5.1.8', reply: '550 5.1.8 Access denied, bad outbound sender', reason: 'rejected', step: 'MAIL' },
  {
    ...EOP,
    status: '5.2.2',
    reply: '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded',
    reason: 'mailboxfull',
    step: 'DATA',
  },
  { ...EOP, status: '5.2.2', reply: '550 5.2.2 Submission quota exceeded', reason: 'speeding', step: 'MAIL' },
  {
    ...EOP,
    status: '5.2.122',
    reply: '550 5.2.122 The recipient has exceeded their limit for the number of messages they can receive per hour',
    reason: 'toomanyconn',
  },
  {
    ...EOP,
    status: '5.3.190',
    reply: '550 5.3.190 Journaling on-premises messages to Microsoft 365 or Office 365 not supported when Journaling Archive is disabled',
    reason: 'systemerror',
    step: 'DATA',
  },
  {
    ...EOP,
    status: '5.4.1',
    reply: '550 5.4.1 Relay Access Denied ATTR36 [DM6NAM10FT021.eop-nam10.prod.protection.outlook.com]',
    reason: 'norelaying',
  },
  { ...EOP, status: '5.4.6', reply: '554 5.4.6 Routing loop detected', reason: 'networkerror', step: 'DATA' },
  { ...EOP, status: '5.4.14', reply: '554 5.4.14 Hop count exceeded - possible mail loop ATTR34', reason: 'networkerror', step: 'DATA' },
  { ...EOP, status: '5.4.300', reply: '550 5.4.300 Message expired', reason: 'expired' },
  { ...EOP, status: '5.4.310', reply: '550 5.4.310 DNS domain contoso.com does not exist', reason: 'hostunknown' },
  { ...EOP, status: '5.4.316', reply: '550 5.4.316 Message expired, connection refused(Socket error code 10061)', reason: 'expired' },
  {
    ...EOP,
    status: '5.6.11',
    reply: '554 5.6.11 SMTPSEND.BareLinefeedsAreIllegal; message contains bare linefeeds',
    reason: 'contenterror',
    step: 'DATA',
  },
  { ...EOP, status: '5.7.1', reply: '550 5.7.1 Delivery not authorized, message refused', reason: 'rejected' },
  { ...EOP, status: '5.7.1', reply: '550 5.7.1 Unable to relay', reason: 'norelaying' },
  {
    ...EOP,
    status: '5.7.1',
    reply:
      '550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.1 AS(1410)',
    reason: 'blocked',
    step: 'CONN',
  },
  { ...EOP, status: '5.7.12', reply: '550 5.7.12 Sender was not authenticated by organization', reason: 'rejected' },
  { ...EOP, status: '5.7.124', reply: '550 5.7.124 Sender not in allowed-senders list', reason: 'rejected' },
  {
    ...EOP,
    status: '5.7.133',
    reply: '550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required',
    reason: 'rejected',
  },
  {
    ...EOP,
    status: '5.7.23',
    reply: '550 5.7.23 The message was rejected because of Sender Policy Framework violation',
    reason: 'authfailure',
    step: 'MAIL',
  },
  { ...EOP, status: '5.7.501', reply: '550 5.7.501 Access denied, spam abuse detected', reason: 'rejected', step: 'MAIL' },
  { ...EOP, status: '5.7.506', reply: '550 5.7.506 Access Denied, Bad HELO', reason: 'blocked', step: 'HELO' },
  {
    ...EOP,
    status: '5.7.508',
    reply: '550 5.7.508 Access denied, [192.0.2.1] has exceeded permitted limits within 192.0.2.0/24 range',
    reason: 'speeding',
    step: 'CONN',
  },
  {
    ...EOP,
    status: '5.7.509',
    reply: '550 5.7.509 Access denied, sending domain [example.com] does not pass DMARC verification and has a DMARC policy of reject.',
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...EOP,
    status: '5.7.510',
    reply: '550 5.7.510 Access denied, contoso.com does not accept email over IPv6',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...EOP,
    status: '5.7.511',
    reply:
      '550 5.7.511 Access denied, banned sender[192.0.2.1]. To request removal from this list, forward this message to delist@microsoft.com',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...EOP,
    status: '5.7.512',
    reply: '550 5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant',
    reason: 'notcompliantrfc',
    step: 'DATA',
  },
  {
    ...EOP,
    status: '5.7.513',
    reply: '550 5.7.513 Service unavailable, Client host [192.0.2.1] blocked by contoso.com using Customer Block list (AS16012607)',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...EOP,
    status: '5.7.515',
    reply: "550 5.7.515 Access denied, sending domain example.com doesn't meet the required authentication level.",
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...EOP,
    status: '5.7.520',
    reply: '550 5.7.520 Access denied, Your organization does not allow external forwarding.',
    reason: 'policyviolation',
    step: 'DATA',
  },
  {
    ...EOP,
    status: '5.7.57',
    reply: '530 5.7.57 Client not authenticated to send mail. Error: 535 5.7.139 Authentication unsuccessful',
    reason: 'securityerror',
    step: 'MAIL',
  },
  { ...EOP, status: '5.7.64', reply: '550 5.7.64 TenantAttribution; Relay Access Denied', reason: 'norelaying' },
  {
    ...EOP,
    status: '5.7.606',
    reply:
      '550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...EOP,
    status: '5.7.649',
    reply:
      '550 5.7.649 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/',
    reason: 'blocked',
    step: 'CONN',
  },
  { ...EOP, status: '5.7.705', reply: '550 5.7.705 Access denied, tenant has exceeded threshold', reason: 'speeding', step: 'MAIL' },
  {
    ...EOP,
    status: '5.7.708',
    reply:
      '550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653',
    reason: 'speeding',
    step: 'CONN',
  },
  {
    ...EOP,
    status: '5.7.750',
    reply: '550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains',
    reason: 'rejected',
    step: 'MAIL',
  },
  {
    ...EOP,
    status: '4.7.650',
    reply: '451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation.',
    reason: 'badreputation',
    step: 'CONN',
  },
  {
    ...EOP,
    status: '4.7.652',
    reply: '451 4.7.652 The mail server [192.0.2.1] has exceeded the maximum number of connections.',
    reason: 'toomanyconn',
    step: 'CONN',
  },
  {
    ...EOP,
    status: '4.7.500',
    reply:
      '451 4.7.500 Access denied, please try again later. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653',
    reason: 'blocked',
    step: 'CONN',
  },
  { ...EOP, status: '4.4.7', reply: '550 4.4.7 QUEUE.Expired; message expired', reason: 'expired' },
  { ...EOP, status: '5.4.317', reply: '550 5.4.317 Message expired, connection timed out', reason: 'expired' },
  { ...EOP, status: '5.1.1', reply: '550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found', reason: 'userunknown' },
  {
    ...EOP,
    status: '5.7.1',
    reply: '550 5.7.1 TRANSPORT.RULES.RejectMessage; the message was rejected by organization policy',
    reason: 'policyviolation',
    step: 'DATA',
  },
  { ...EOP, status: '5.7.1', reply: '550 5.7.1 RESOLVER.RST.AuthRequired; authentication required', reason: 'rejected' },
  {
    ...EOP,
    status: '5.7.1',
    reply:
      '550 5.7.1 Service unavailable, MailFrom domain is listed in Spamhaus. To request removal from this list see https://www.spamhaus.org/query/lookup/ (S8002) [DM3NAM02FT003.eop-nam02.prod.protection.outlook.com]',
    reason: 'blocked',
    step: 'MAIL',
  },
  {
    ...EOP,
    status: '4.7.66',
    reply:
      '421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2. Visit https://aka.ms/smtp_auth_tls.',
    reason: 'securityerror',
    step: 'CONN',
  },
  { ...EOP, status: '4.3.1', reply: '452 4.3.1 Insufficient system resources (TooManyLoadedDatabase)', reason: 'systemfull' },
  {
    ...OLC,
    status: '5.7.1',
    reply:
      "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.",
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...OLC,
    status: '5.7.1',
    reply:
      "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider. You can tell them that Hotmail does not relay dynamically-assigned IP ranges. (S3140)",
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...OLC,
    status: '5.7.0',
    reply:
      "550 SC-001 (BAY004-MC1F24) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your Internet service provider. Mail rejected by Outlook.com for policy reasons.",
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...OLC,
    status: '5.7.0',
    reply:
      "550 DY-001 (SNT004-MC1F43) Unfortunately, messages from 192.0.2.1 weren't sent. We generally do not accept email from dynamic IP's.",
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...OLC,
    status: '4.7.0',
    reply:
      "421 RP-001 (BAY004-MC1F24) Unfortunately, some messages from 192.0.2.1 weren't sent. Please try again. The mail server IP connecting to Outlook.com server has exceeded the rate limit allowed.",
    reason: 'speeding',
    step: 'CONN',
  },
  {
    ...OLC,
    status: '5.5.0',
    reply: '550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [AM1EUR03FT011.eop-EUR03.prod.protection.outlook.com]',
    reason: 'userunknown',
  },
  {
    ...OLC,
    status: '4.7.500',
    reply:
      '451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (S77719) [AM1EUR03FT011.eop-EUR03.prod.protection.outlook.com]',
    reason: 'systemerror',
    step: 'CONN',
  },
];

// Yahoo / AOL: "SMTP Error Codes", https://senders.yahooinc.com/smtp-error-codes/ (formerly
// postmaster.yahooinc.com/error-codes); AOL's former postmaster error pages for the bracketed labels.
const Y = { host: 'mta7.am0.yahoodns.net', domain: 'yahoo.com' };
const AOL = { host: 'mx-aol.mail.gm0.yahoodns.net', domain: 'aol.com' };
const YAHOO: Entry[] = [
  {
    ...Y,
    status: '4.7.0',
    reply:
      '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
    reason: 'badreputation',
    step: 'CONN',
  },
  {
    ...Y,
    status: '4.7.0',
    reply:
      '421 4.7.0 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...Y,
    status: '4.7.0',
    reply:
      '421 4.7.0 [TS01] Messages from 192.0.2.1 temporarily deferred due to user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
    reason: 'badreputation',
    step: 'CONN',
  },
  {
    ...Y,
    status: '4.7.0',
    reply:
      '421 4.7.0 [TS02] Messages from 192.0.2.1 temporarily deferred due to user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
    reason: 'badreputation',
    step: 'CONN',
  },
  {
    ...Y,
    status: '4.7.0',
    reply:
      '421 4.7.0 [TS03] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...Y,
    status: '5.3.0',
    reply: '553 5.3.0 [PH01] Email not accepted for policy reasons. Please visit https://postmaster.yahooinc.com/error-codes',
    reason: 'policyviolation',
    step: 'DATA',
  },
  {
    ...Y,
    status: '5.7.9',
    reply: '554 5.7.9 Message not accepted for policy reasons. See https://postmaster.yahooinc.com/error-codes',
    reason: 'policyviolation',
    step: 'DATA',
  },
  {
    ...Y,
    status: '5.7.9',
    reply:
      '550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires all senders to authenticate with either SPF or DKIM.',
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...Y,
    status: '4.7.0',
    reply: '451 Message temporarily deferred due to unresolvable RFC.5321 from domain; see https://postmaster.yahooinc.com/error-codes',
    reason: 'rejected',
    step: 'MAIL',
  },
  {
    ...Y,
    status: '4.7.0',
    reply: '421 Max message per connection reached, closing transmission channel',
    reason: 'toomanyconn',
    step: 'DATA',
  },
  {
    ...Y,
    status: '5.1.1',
    reply: "554 delivery error: dd This user doesn't have a yahoo.com account (a@yahoo.com) [0] - mta1020.mail.ne1.yahoo.com",
    reason: 'userunknown',
  },
  {
    ...Y,
    status: '5.0.0',
    reply: '554 delivery error: dd Requested mail action aborted, mailbox not found - mta1020.mail.ne1.yahoo.com',
    reason: 'userunknown',
  },
  {
    ...Y,
    status: '5.0.0',
    reply:
      '554 delivery error: dd Sorry your message to a@yahoo.com cannot be delivered. This mailbox is disabled (554.30). - mta1020.mail.ne1.yahoo.com',
    reason: 'suspend',
  },
  {
    ...Y,
    status: '5.7.1',
    reply:
      '553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL; see http://postmaster.yahoo.com/errors/550-bl23.html [550]',
    reason: 'blocked',
    step: 'CONN',
  },
  { ...Y, status: '5.0.0', reply: '552 1 Requested mail action aborted, mailbox not found', reason: 'userunknown' },
  {
    ...Y,
    status: '4.3.0',
    reply: '451 Resources temporarily unavailable. Please try again later [#4.16.1].',
    reason: 'systemerror',
    step: 'DATA',
  },
  {
    ...Y,
    status: '5.7.1',
    reply:
      "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in Spamhaus's list; see http://postmaster.yahoo.com/errors/550-bl21.html",
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...AOL,
    status: '5.7.1',
    reply: '554 5.7.1 (DNS:NR) http://postmaster.info.aol.com/errors/554dnsnr.html',
    reason: 'requireptr',
    step: 'CONN',
  },
  { ...AOL, status: '5.7.1', reply: '554 (RTR:BB) http://postmaster.info.aol.com/errors/554rtrbb.html', reason: 'blocked', step: 'CONN' },
  { ...AOL, status: '4.7.1', reply: '421 DYN:T1 http://postmaster.info.aol.com/errors/421dynt1.html', reason: 'blocked', step: 'CONN' },
];

// Apple iCloud: "Postmaster information for iCloud Mail", https://support.apple.com/en-us/102322
// (formerly HT204137), linked from its refusals.
const I = { host: 'mx01.mail.icloud.com', domain: 'icloud.com' };
const APPLE: Entry[] = [
  { ...I, status: '5.1.1', reply: '550 5.1.1 <a@icloud.com>: user does not exist', reason: 'userunknown' },
  { ...I, status: '5.1.1', reply: '550 5.1.1 <a@icloud.com>: inactive email address', reason: 'userunknown' },
  { ...I, status: '5.2.2', reply: '552 5.2.2 <a@icloud.com>: user is over quota', reason: 'mailboxfull' },
  {
    ...I,
    status: '5.7.1',
    reply: '554 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137',
    reason: 'policyviolation',
    step: 'DATA',
  },
  {
    ...I,
    status: '5.7.1',
    reply: '554 5.7.1 [HM08] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137',
    reason: 'policyviolation',
    step: 'DATA',
  },
  {
    ...I,
    status: '5.7.1',
    reply: "550 5.7.1 Your message was rejected due to example.com's DMARC policy. See https://support.apple.com/en-us/HT204137",
    reason: 'authfailure',
    step: 'DATA',
  },
  { ...I, status: '5.7.0', reply: '550 5.7.0 Blocked - see https://support.apple.com/en-us/HT204137', reason: 'blocked', step: 'CONN' },
  {
    ...I,
    status: '4.7.1',
    reply:
      '421 4.7.1 Messages to a@icloud.com deferred due to excessive volume. Try again later - https://support.apple.com/en-us/HT204137',
    reason: 'speeding',
  },
  {
    ...I,
    status: '5.7.1',
    reply: '550 5.7.1 Your email was rejected due to having a domain present in the Spamhaus DBL -- see https://www.spamhaus.org/dbl/',
    reason: 'blocked',
    step: 'DATA',
  },
];

// Comcast: "SMTP error codes", https://postmaster.comcast.net/smtp-error-codes.php and
// https://www.xfinity.com/support/articles/email-errors.
const C = { host: 'mx1a1.comcast.net', domain: 'comcast.net' };
const COMCAST: Entry[] = [
  {
    ...C,
    status: '5.7.1',
    reply:
      '554 resimta-po-01v.sys.comcast.net comcast 192.0.2.1 Comcast block for spam. Please see http://postmaster.comcast.net/smtp-error-codes.php#BL000000',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...C,
    status: '5.7.1',
    reply:
      '554 resimta-po-01v.sys.comcast.net comcast 192.0.2.1 found on one or more RBLs (spamhaus). Please see http://postmaster.comcast.net/smtp-error-codes.php#BL000001',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...C,
    status: '5.7.1',
    reply:
      '554 resimta-po-01v.sys.comcast.net comcast 192.0.2.1 found on Cloudmark CSI. Please see http://postmaster.comcast.net/smtp-error-codes.php#BL000010',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...C,
    status: '5.7.1',
    reply:
      '554 resimta-po-01v.sys.comcast.net comcast 192.0.2.1 Comcast does not accept mail from dynamic/residential IP space. Please see http://postmaster.comcast.net/smtp-error-codes.php#ES000010',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...C,
    status: '4.7.0',
    reply:
      '421 resimta-po-01v.sys.comcast.net comcast 192.0.2.1 Rate limited. Please see http://postmaster.comcast.net/smtp-error-codes.php#RL000001',
    reason: 'speeding',
    step: 'CONN',
  },
  { ...C, status: '4.7.0', reply: '421 resimta-po-01v.sys.comcast.net Too many sessions opened', reason: 'toomanyconn', step: 'CONN' },
  {
    ...C,
    status: '4.7.0',
    reply: '421 resimta-po-01v.sys.comcast.net Reverse DNS failure : Try again later',
    reason: 'requireptr',
    step: 'CONN',
  },
  { ...C, status: '5.1.1', reply: '550 5.1.1 <a@comcast.net> Not our Customer', reason: 'userunknown' },
];

// Cox: "Email error codes", https://www.cox.com/residential/support/email-error-codes.html.
const X = { host: 'cxr.mx.a.cloudfilter.net', domain: 'cox.net' };
const COX: Entry[] = [
  { ...X, status: '5.7.1', reply: '554 cxr.cox.net cox 192.0.2.1 rejected. IB101 AUP#CXBL', reason: 'blocked', step: 'CONN' },
  { ...X, status: '5.7.1', reply: '554 cxr.cox.net cox 192.0.2.1 rejected - no rDNS. IB104 AUP#CXDNS', reason: 'requireptr', step: 'CONN' },
  {
    ...X,
    status: '4.7.0',
    reply: '421 cxr.cox.net cox too many sessions from 192.0.2.1. IB211 AUP#CXCNCT',
    reason: 'toomanyconn',
    step: 'CONN',
  },
  { ...X, status: '5.1.1', reply: '550 <a@cox.net> recipient rejected', reason: 'userunknown' },
];

// Mimecast: "Mimecast SMTP Error Codes", https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754.
const M = { host: 'eu-smtp-inbound-1.mimecast.com', domain: 'example.co.uk' };
const MIMECAST: Entry[] = [
  { ...M, status: '5.0.0', reply: '550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550', reason: 'userunknown' },
  // Too many recipients of one message: the message's limit, as RFC 3463's X.5.3 and Cisco's "this session" reply.
  { ...M, status: '4.0.0', reply: '452 Too many recipients', reason: 'exceedlimit' },
  {
    ...M,
    status: '5.0.0',
    reply: '550 Administrative prohibition - envelope blocked - https://community.mimecast.com/docs/DOC-1369#550',
    reason: 'rejected',
  },
  {
    ...M,
    status: '5.0.0',
    reply: '550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550',
    reason: 'rejected',
  },
  {
    ...M,
    status: '5.0.0',
    reply: '550 Rejected by header based Anti-Spoofing policy: a@example.co.uk - https://community.mimecast.com/docs/DOC-1369#550',
    reason: 'policyviolation',
    step: 'DATA',
  },
  {
    ...M,
    status: '5.0.0',
    reply: '550 Rejected by header based Manually Blocked Senders - Block policy for example.com',
    reason: 'rejected',
    step: 'DATA',
  },
  {
    ...M,
    status: '5.0.0',
    reply: '554 Email rejected due to security policies - https://community.mimecast.com/docs/DOC-1369#554',
    reason: 'virusdetected',
    step: 'DATA',
  },
  {
    ...M,
    status: '5.0.0',
    reply: '550 Submitter failed to authenticate - https://community.mimecast.com/docs/DOC-1369#550',
    reason: 'securityerror',
    step: 'MAIL',
  },
  {
    ...M,
    status: '5.0.0',
    reply: '550 SPF Sender Invalid - envelope rejected - https://community.mimecast.com/docs/DOC-1369#550',
    reason: 'authfailure',
    step: 'MAIL',
  },
  {
    ...M,
    status: '5.0.0',
    reply: '550 DMARC Sender Invalid - envelope rejected - https://community.mimecast.com/docs/DOC-1369#550',
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...M,
    status: '4.0.0',
    reply: '421 Local CT IP Reputation - (reject) - https://community.mimecast.com/docs/DOC-1369#421',
    reason: 'badreputation',
    step: 'CONN',
  },
  {
    ...M,
    status: '4.0.0',
    reply: '451 IP temporarily blacklisted - https://community.mimecast.com/docs/DOC-1369#451',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...M,
    status: '5.0.0',
    reply: '554 Maximum email size exceeded - https://community.mimecast.com/docs/DOC-1369#554',
    reason: 'mesgtoobig',
    step: 'DATA',
  },
  {
    ...M,
    status: '5.0.0',
    reply: '550 Host network not allowed - https://community.mimecast.com/docs/DOC-1369#550',
    reason: 'policyviolation',
    step: 'CONN',
  },
  { ...M, status: '5.0.0', reply: '553 Account inbounds disabled - https://community.mimecast.com/docs/DOC-1369#553', reason: 'notaccept' },
  { ...M, status: '4.0.0', reply: '451 Open relay not allowed - https://community.mimecast.com/docs/DOC-1369#451', reason: 'norelaying' },
];

// Proofpoint (*.pphosted.com): refusals link its IP reputation lookup, https://ipcheck.proofpoint.com/.
const PP = { host: 'mx0a-00112233.pphosted.com', domain: 'example.com' };
const PROOFPOINT: Entry[] = [
  {
    ...PP,
    status: '5.7.1',
    reply:
      '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using Proofpoint Dynamic Reputation; https://ipcheck.proofpoint.com/?ip=192.0.2.1',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...PP,
    status: '4.7.1',
    reply:
      '421 4.7.1 Service unavailable; Client host [192.0.2.1] blocked using Proofpoint Dynamic Reputation; https://ipcheck.proofpoint.com/?ip=192.0.2.1',
    reason: 'blocked',
    step: 'CONN',
  },
];

// Barracuda Email Security Gateway / Email Gateway Defense: its message-log reasons
// (https://campus.barracuda.com/doc/167976683) and the replies its gateways give for them.
const B = { host: 'd123456a.ess.barracudanetworks.com', domain: 'example.org' };
const BARRACUDA: Entry[] = [
  {
    ...B,
    status: '5.7.1',
    reply:
      '554 Service unavailable; Client host [192.0.2.1] blocked using Barracuda Reputation; http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.1',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...B,
    status: '5.0.0',
    reply: '550 permanent failure for one or more recipients (a@example.org:blocked)',
    reason: 'blocked',
    step: 'DATA',
  },
  { ...B, status: '5.1.1', reply: '550 No such user (a@example.org)', reason: 'userunknown' },
];

// Cisco Secure Email (IronPort): the default SMTP responses of its listeners, "User Guide for AsyncOS
// for Cisco Secure Email Gateway" (Host Access Table and SPF verification defaults).
const CI = { host: 'mx1.hc1234-56.iphmx.com', domain: 'example.net' };
const CISCO: Entry[] = [
  { ...CI, status: '5.1.0', reply: '550 #5.1.0 Address rejected.', reason: 'userunknown' },
  { ...CI, status: '5.7.1', reply: '550 #5.7.1 SPF unauthorized mail is prohibited.', reason: 'authfailure', step: 'MAIL' },
  {
    ...CI,
    status: '5.0.0',
    reply:
      "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation. If you believe that this failure is in error, please contact the intended recipient via alternate means.",
    reason: 'badreputation',
    step: 'CONN',
  },
  { ...CI, status: '4.5.3', reply: '452 Too many recipients received this session', reason: 'exceedlimit' },
];

// GMX / web.de / 1&1 (United Internet): "Error messages" of the postmaster pages,
// https://postmaster.gmx.net/en/error-messages and https://postmaster.web.de/en/error-messages.
const GMX = { host: 'mx00.emig.gmx.net', domain: 'gmx.de' };
const WEB = { host: 'mx-ha02.web.de', domain: 'web.de' };
const UNITED: Entry[] = [
  {
    ...GMX,
    status: '5.0.0',
    reply:
      '554-gmx.net (mxgmx001) Nemesis ESMTP Service not available 554-No SMTP service 554-Bad DNS PTR resource record. 554 For explanation visit https://postmaster.gmx.net/en/error-messages?ip=192.0.2.1&c=rdns',
    reason: 'requireptr',
    step: 'CONN',
  },
  {
    ...GMX,
    status: '5.0.0',
    reply:
      '554-gmx.net (mxgmx001) Nemesis ESMTP Service not available 554-No SMTP service 554-IP address is black listed. 554 For explanation visit https://postmaster.gmx.net/en/error-messages?ip=192.0.2.1&c=bl',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...WEB,
    status: '5.0.0',
    reply:
      '554-web.de (mxweb001) Nemesis ESMTP Service not available 554-No SMTP service 554-Reject due to policy restrictions. 554 For explanation visit https://postmaster.web.de/en/error-messages?ip=192.0.2.1&c=sp',
    reason: 'blocked',
    step: 'CONN',
  },
  { ...WEB, status: '5.0.0', reply: '550 Requested action not taken: mailbox unavailable', reason: 'userunknown' },
  { ...GMX, status: '5.2.2', reply: '552 Requested mail action aborted: exceeded storage allocation', reason: 'mailboxfull', step: 'DATA' },
  {
    ...GMX,
    status: '5.3.4',
    reply: '552 Mail size limit exceeded. For explanation visit https://postmaster.gmx.net/en/error-messages',
    reason: 'mesgtoobig',
    step: 'DATA',
  },
];

// T-Online (Deutsche Telekom): "postmaster.t-online.de", https://postmaster.t-online.de/index.en.html
// (4.6, 4.7: why connections and mails are refused; the labels at the end say which).
const T = { host: 'mx00.t-online.de', domain: 't-online.de' };
const TONLINE: Entry[] = [
  {
    ...T,
    status: '5.0.0',
    reply: '554 IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...T,
    status: '5.0.0',
    reply: '554 IP=192.0.2.1 - None/bad reputation. Ask your postmaster for help or to contact postmaster@rx.t-online.de for reset. (NOWL)',
    reason: 'badreputation',
    step: 'CONN',
  },
  {
    ...T,
    status: '5.0.0',
    reply: '554 IP=192.0.2.1 - Dialup/transient IP not allowed. Use a mailgateway or contact toda@rx.t-online.de if obsolete. (DIAL)',
    reason: 'blocked',
    step: 'CONN',
  },
  { ...T, status: '5.1.1', reply: '550 5.1.1 <a@t-online.de>: user unknown', reason: 'userunknown' },
  { ...T, status: '5.2.2', reply: '552 5.2.2 Over STORAGE quota', reason: 'mailboxfull' },
];

// Orange / Wanadoo: postmaster.orange.fr's list of "OFR" codes (https://postmaster.orange.fr/).
const O = { host: 'smtp-in.orange.fr', domain: 'orange.fr' };
const ORANGE: Entry[] = [
  { ...O, status: '5.7.1', reply: '550 5.7.1 Mail rejete. Mail rejected. OFR_506 [506]', reason: 'spamdetected', step: 'DATA' },
  {
    ...O,
    status: '5.1.1',
    reply: '550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]',
    reason: 'userunknown',
  },
  { ...O, status: '4.2.2', reply: '452 4.2.2 Boite du destinataire pleine. Recipient overquota. OFR_417 [417]', reason: 'mailboxfull' },
  {
    ...O,
    status: '4.7.0',
    reply: '421 mwinf5c10 ME Trop de connexions, veuillez verifier votre configuration. Too many connections, slow down. OFR005_104 [104]',
    reason: 'toomanyconn',
    step: 'CONN',
  },
  {
    ...O,
    status: '5.7.1',
    reply: '550 5.7.1 Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR_103 [103]',
    reason: 'blocked',
    step: 'CONN',
  },
  { ...O, status: '5.7.1', reply: '550 5.7.1 Emetteur invalide. Invalid Sender. OFR_415 [415]', reason: 'rejected', step: 'MAIL' },
  {
    ...O,
    status: '5.7.1',
    reply: '550 5.7.1 Votre domaine n a pas passe la verification DMARC. DMARC verification failed. OFR_517 [517]',
    reason: 'authfailure',
    step: 'DATA',
  },
];

// Free (free.fr): http://postmaster.free.fr/, which its refusals name.
const FR = { host: 'mx1.free.fr', domain: 'free.fr' };
const FREE: Entry[] = [
  {
    ...FR,
    status: '4.7.0',
    reply: '421 Too many spams from your IP (192.0.2.1), please visit http://postmaster.free.fr/',
    reason: 'blocked',
    step: 'CONN',
  },
];

// Mail.Ru: help for senders, https://help.mail.ru/mail/security/notspam and
// https://help.mail.ru/notspam-support (linked from its refusals).
const MR = { host: 'mxs.mail.ru', domain: 'mail.ru' };
const MAILRU: Entry[] = [
  {
    ...MR,
    status: '5.0.0',
    reply: '550 Message was not accepted -- invalid mailbox. Local mailbox a@mail.ru is unavailable: user not found',
    reason: 'userunknown',
  },
  {
    ...MR,
    status: '5.0.0',
    reply: '550 Message was not accepted -- invalid mailbox. Local mailbox a@mail.ru is unavailable: account is disabled',
    reason: 'suspend',
  },
  {
    ...MR,
    status: '5.0.0',
    reply:
      '550 spam message rejected. Please visit http://help.mail.ru/notspam-support/id?c=abc or report details to abuse@corp.mail.ru. Error code: ABC. ID: 123.',
    reason: 'spamdetected',
    step: 'DATA',
  },
];

// Yandex: Yandex Mail help for senders, https://yandex.com/support/mail/web/spam/honest-mailers.html.
const YA = { host: 'mx.yandex.ru', domain: 'yandex.ru' };
const YANDEX: Entry[] = [
  { ...YA, status: '5.7.1', reply: '550 5.7.1 No such user!', reason: 'userunknown' },
  {
    ...YA,
    status: '5.7.1',
    reply: '554 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc 1234567890-AbCdEf',
    reason: 'spamdetected',
    step: 'DATA',
  },
  { ...YA, status: '5.2.2', reply: '552 5.2.2 Mailbox size limit exceeded', reason: 'mailboxfull' },
  {
    ...YA,
    status: '4.7.1',
    reply: '451 4.7.1 Sorry, the service is currently unavailable. Please come back later.',
    reason: 'systemerror',
  },
];

// Tencent QQ Mail: its refusals link https://service.mail.qq.com/detail/122/72 (formerly
// cgi-bin/help?id=20022), which lists these answers.
const Q = { host: 'mx3.qq.com', domain: 'qq.com' };
const QQ: Entry[] = [
  {
    ...Q,
    status: '5.0.0',
    reply: '550 Mailbox not found. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000728',
    reason: 'userunknown',
  },
  {
    ...Q,
    status: '5.0.0',
    reply: '550 Mail content denied. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000726',
    reason: 'spamdetected',
    step: 'DATA',
  },
  {
    ...Q,
    status: '5.0.0',
    reply: '550 Connection frequency limited. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000722',
    reason: 'toomanyconn',
    step: 'CONN',
  },
  {
    ...Q,
    status: '5.0.0',
    reply: '550 Ip frequency limited. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000725',
    reason: 'toomanyconn',
    step: 'MAIL',
  },
  {
    ...Q,
    status: '5.0.0',
    reply: '550 Mail is rejected by recipients. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000729',
    reason: 'rejected',
    step: 'DATA',
  },
  {
    ...Q,
    status: '5.0.0',
    reply: '550 SPF check failed. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1001371',
    reason: 'authfailure',
    step: 'MAIL',
  },
  {
    ...Q,
    status: '5.0.0',
    reply: '550 DMARC check failed. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1001394',
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...Q,
    status: '5.0.0',
    reply: '550 Suspected spam ip. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000725',
    reason: 'blocked',
    step: 'CONN',
  },
];

// NetEase (163.com, 126.com, yeah.net) and Coremail-based servers: NetEase's "退信代码说明" (bounce
// codes) page for senders, https://help.mail.163.com/faqDetail.do?code=d7a5dc8471cd0c0e8b4b8f4f8e49998b374173cfe9171305fa1ce630d7f67ac2
// (the codes "HL:REP", "MI:SFQ", "DT:SPM", ... the replies carry).
const N = { host: '163mx01.mxmail.netease.com', domain: '163.com' };
const NETEASE: Entry[] = [
  {
    ...N,
    status: '4.0.0',
    reply: '421 HL:REP 192.0.2.1 sending behavior is abnormal. http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...N,
    status: '4.0.0',
    reply: '421 HL:ICC 192.0.2.1 too many concurrent connections. http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'toomanyconn',
    step: 'CONN',
  },
  {
    ...N,
    status: '4.0.0',
    reply: '421 HL:IFC 192.0.2.1 sent too many mails. http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'speeding',
    step: 'CONN',
  },
  {
    ...N,
    status: '4.0.0',
    reply: '450 MI:DMC too many mails in this connection. http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'toomanyconn',
    step: 'MAIL',
  },
  {
    ...N,
    status: '4.0.0',
    reply: '450 RP:DRC too many recipients in this connection. http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'toomanyconn',
  },
  {
    ...N,
    status: '5.0.0',
    reply: '554 RP:RCL too many recipients of one message. http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'exceedlimit',
  },
  {
    ...N,
    status: '4.0.0',
    reply: '450 DT:RBL 192.0.2.1 is listed in an RBL. http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...N,
    status: '4.0.0',
    reply: '451 DT:SPM 163mx01,abc123 1700000000, please try again http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'spamdetected',
    step: 'DATA',
  },
  {
    ...N,
    status: '4.0.0',
    reply: '451 MI:SFQ 163mx01,abc123 1700000000 http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'speeding',
    step: 'MAIL',
  },
  {
    ...N,
    status: '4.0.0',
    reply: '451 RP:QRC 163mx01,abc123 1700000000 http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'speeding',
  },
  {
    ...N,
    status: '5.0.0',
    reply: '550 MI:SPF 163mx01,abc123 1700000000 http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'authfailure',
    step: 'MAIL',
  },
  {
    ...N,
    status: '5.0.0',
    reply: '550 MI:DMA 163mx01,abc123 1700000000 http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'authfailure',
    step: 'DATA',
  },
  {
    ...N,
    status: '5.0.0',
    reply: '550 RP:TRC 163mx01,abc123 1700000000 http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'speeding',
  },
  {
    ...N,
    status: '5.0.0',
    reply: '550 DT:SPM 163mx01,abc123 1700000000 http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'spamdetected',
    step: 'DATA',
  },
  {
    ...N,
    status: '5.0.0',
    reply: '554 DT:SPM 163mx01,abc123 1700000000 http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'spamdetected',
    step: 'DATA',
  },
  {
    ...N,
    status: '5.0.0',
    reply: '554 HL:IHU 192.0.2.1 has been suspended. http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1',
    reason: 'blocked',
    step: 'CONN',
  },
  { ...N, status: '5.0.0', reply: '550 User not found: a@163.com', reason: 'userunknown' },
  { ...N, status: '5.0.0', reply: '550 User suspended: a@163.com', reason: 'suspend' },
  { ...N, status: '5.0.0', reply: '552 Requested mail action aborted: exceeded mailsize limit', reason: 'mesgtoobig', step: 'DATA' },
];

// Zoho Mail (mx.zoho.com / mx.zoho.eu): Zoho's help on delivery failures, https://www.zoho.com/mail/help/
// ("Mail rejected by destination domain", "Email rejected per DMARC policy", "virus detected by Zoho Mail").
const Z = { host: 'mx.zoho.com', domain: 'zohomail.com' };
const ZOHO: Entry[] = [
  { ...Z, status: '5.1.1', reply: '550 5.1.1 <a@zohomail.com> User unknown', reason: 'userunknown' },
  { ...Z, status: '5.7.1', reply: '550 5.7.1 Email rejected per DMARC policy for example.com', reason: 'authfailure', step: 'DATA' },
  { ...Z, status: '5.7.1', reply: '552 5.7.1 virus Win.Test.EICAR_HDB-1 detected by Zoho Mail', reason: 'virusdetected', step: 'DATA' },
  { ...Z, status: '5.4.1', reply: '541 5.4.1 Mail rejected by destination domain', reason: 'filtered', step: 'DATA' },
];

// Fastmail (in1-smtp.messagingengine.com): its help page "Why did my email bounce?",
// https://www.fastmail.help/hc/en-us/articles/1500000278242 (Cyrus / Postfix answers).
const FM = { host: 'in1-smtp.messagingengine.com', domain: 'fastmail.com' };
const FASTMAIL: Entry[] = [
  {
    ...FM,
    status: '5.1.1',
    reply: '550 5.1.1 <a@fastmail.com>: Recipient address rejected: User unknown in virtual mailbox table',
    reason: 'userunknown',
  },
  { ...FM, status: '4.2.2', reply: '452 4.2.2 <a@fastmail.com>: Recipient address rejected: Over quota', reason: 'mailboxfull' },
];

// Proton Mail (mail.protonmail.ch): its support article on bounced messages,
// https://proton.me/support/email-bounced ("Address does not exist", "Recipient mailbox is full").
const PR = { host: 'mail.protonmail.ch', domain: 'proton.me' };
const PROTON: Entry[] = [
  { ...PR, status: '5.1.1', reply: '550 5.1.1 Address does not exist', reason: 'userunknown' },
  { ...PR, status: '5.2.2', reply: '552 5.2.2 Recipient mailbox is full', reason: 'mailboxfull' },
];

// Libero / Italiaonline: "Messaggi di errore più frequenti dopo invio email",
// https://aiuto.libero.it/articolo/mail/messaggi-di-errore-piu-frequenti-dopo-invio-email.
const L = { host: 'smtp-in.libero.it', domain: 'libero.it' };
const LIBERO: Entry[] = [
  { ...L, status: '5.2.2', reply: '552 5.2.2 MAILBOX FULL (User quota exceeded)', reason: 'mailboxfull' },
  { ...L, status: '5.1.1', reply: '550 5.1.1 <a@libero.it> BAD DESTINATION MAILBOX ADDRESS - USER UNKNOWN', reason: 'userunknown' },
];

// AT&T (att.net, sbcglobal.net, bellsouth.net; MX under prodigy.net): the "DNSBL:RBL" / "DNSBL:ATTRBL"
// refusals (abuse_rbl@abuse-att.net) and the reverse-DNS one AT&T's postmaster pages explain; the older
// BellSouth and Worldnet error lists (postmaster.bellsouth.net/error.htm, att.net/general-info/bls_info).
const ATT_MX = { host: 'ff-ip4-mx-vip1.prodigy.net', domain: 'att.net' };
const BS = { host: 'mx.bellsouth.net', domain: 'bellsouth.net' };
const ATT: Entry[] = [
  {
    ...ATT_MX,
    status: '5.3.0',
    reply: '553 5.3.0 flpd575 DNSBL:RBL 521< 192.0.2.1 >_is_blocked.For assistance forward this email to abuse_rbl@abuse-att.net',
    reason: 'blocked',
    step: 'CONN',
  },
  {
    ...ATT_MX,
    status: '5.7.1',
    reply: '550 5.7.1 Connections not accepted from servers without a valid sender domain.flph829 Fix reverse DNS for 192.0.2.1',
    reason: 'requireptr',
    step: 'CONN',
  },
  { ...BS, status: '4.0.0', reply: '421-failure in DNS look-up.', reason: 'requireptr', step: 'CONN' },
  { ...BS, status: '5.0.0', reply: '550 [permfail] bellsouth.net requires valid sender domain', reason: 'requireptr', step: 'CONN' },
  { ...BS, status: '5.0.0', reply: '550 192.0.2.1 blocked by ldap:ou=rblmx, dc=bellsouth, dc=net', reason: 'blocked', step: 'CONN' },
  { ...BS, status: '5.0.0', reply: '550 [suspend] Mailbox currently suspended--Please contact correspondent directly.', reason: 'suspend' },
  {
    ...BS,
    status: '5.0.0',
    reply: '552 net 006: Your e-mail message is larger than the destination mail system is able to accept',
    reason: 'mesgtoobig',
    step: 'DATA',
  },
  { ...BS, status: '5.0.0', reply: '550 net 007: Your current IP address is not allowed to relay to bellsouth.net', reason: 'norelaying' },
  {
    ...BS,
    status: '5.0.0',
    reply: '550 net 008: The IP you are sending from does not have a valid revers DNS entry',
    reason: 'requireptr',
    step: 'CONN',
  },
  { ...BS, status: '5.0.0', reply: '550 Error. Blocked for status: <unknown sender>', reason: 'requireptr', step: 'CONN' },
];

// EarthLink (MX under oxsus-vadesecure.net): "Inbound SMTP error codes",
// https://postmaster-earthlink.vadesecure.com/inbound_error_codes (the ELNK_ code decides).
const EL = { host: 'mx01.oxsus-vadesecure.net', domain: 'earthlink.net' };
const EARTHLINK: Entry[] = [
  { ...EL, status: '5.7.1', reply: '550 5.7.1 Connection refused ELNK_101', reason: 'blocked', step: 'CONN' },
  { ...EL, status: '4.2.1', reply: '421 4.2.1 Connection deferred ELNK_103', reason: 'systemerror', step: 'CONN' },
  { ...EL, status: '5.7.1', reply: '550 5.7.1 Connection refused ELNK_105', reason: 'requireptr', step: 'CONN' },
  { ...EL, status: '5.7.1', reply: '550 5.7.1 Connection refused ELNK_108', reason: 'requireptr', step: 'CONN' },
  { ...EL, status: '4.2.1', reply: '421 4.2.1 Connection deferred ELNK_110', reason: 'toomanyconn', step: 'CONN' },
  { ...EL, status: '5.7.1', reply: '550 5.7.1 Sender blocked error ELNK_111', reason: 'blocked', step: 'CONN' },
  { ...EL, status: '4.2.1', reply: '421 4.2.1 Connection deferred ELNK_130', reason: 'badreputation', step: 'CONN' },
  { ...EL, status: '4.2.1', reply: '421 4.2.1 Connection deferred ELNK_136', reason: 'speeding', step: 'CONN' },
];

// SFR (smtp-in.sfr.fr): the SFR_IN_ codes as Postmastery's and Bento's SFR pages explain them (the last two
// digits: 01 spam, 02 viruses, 03 protocol errors, 04 unknown recipients, 05 volume; a two-hour refusal).
const SF = { host: 'smtp-in.sfr.fr', domain: 'sfr.fr' };
const SFR: Entry[] = [
  { ...SF, status: '4.7.1', reply: '450 4.7.1 Service refused due to bad behavior - Too many spams SFR_IN_101', reason: 'badreputation' },
  { ...SF, status: '4.7.1', reply: '450 4.7.1 Service refused due to bad behavior - Too many unknown users SFR_IN_104', reason: 'blocked' },
  { ...SF, status: '4.7.1', reply: '450 4.7.1 Service refused due to bad behavior - Too many messages SFR_IN_105', reason: 'speeding' },
];

// Interia (mx.poczta.interia.pl): "Dlaczego wiadomość nie została dostarczona?",
// https://pomoc.poczta.interia.pl/news-dlaczego-wiadomosc-nie-zostala-dostarczona,nId,6589600.
const IN = { host: 'mx.poczta.interia.pl', domain: 'interia.pl' };
const INTERIA: Entry[] = [
  { ...IN, status: '5.1.1', reply: '550 5.1.1 Account not found', reason: 'userunknown' },
  { ...IN, status: '5.7.1', reply: "550 5.7.1 Recipient doesn't want your mail", reason: 'filtered' },
  {
    ...IN,
    status: '5.7.0',
    reply: '550 5.7.0 [SPF] 192.0.2.1 is not allowed to send mail from example.com',
    reason: 'authfailure',
    step: 'MAIL',
  },
];

export const PROVIDER_DOCS: ReadonlyArray<readonly [string, readonly Entry[]]> = [
  ['google', GMAIL],
  ['microsoft', MICROSOFT],
  ['yahoo', YAHOO],
  ['apple', APPLE],
  ['comcast', COMCAST],
  ['cox', COX],
  ['mimecast', MIMECAST],
  ['proofpoint', PROOFPOINT],
  ['barracuda', BARRACUDA],
  ['cisco', CISCO],
  ['unitedinternet', UNITED],
  ['t-online', TONLINE],
  ['orange', ORANGE],
  ['free', FREE],
  ['mailru', MAILRU],
  ['yandex', YANDEX],
  ['tencent', QQ],
  ['netease', NETEASE],
  ['zoho', ZOHO],
  ['fastmail', FASTMAIL],
  ['proton', PROTON],
  ['libero', LIBERO],
  ['att', ATT],
  ['earthlink', EARTHLINK],
  ['sfr', SFR],
  ['interia', INTERIA],
];

const COMMAND: Record<Step, string> = { CONN: 'CONNECT', HELO: 'EHLO', MAIL: 'MAIL FROM', RCPT: 'RCPT TO', DATA: 'end of DATA' };

/** How a row is carried: `delayed` is a delay notice (Action: delayed) for a temporary reply, from the provider's host. */
export type Layout = 'remote-mta' | 'host-said' | 'delayed';

/**
 * The entry as a bounce carries it: the Diagnostic-Code of a DSN whose Remote-MTA is the provider's
 * host (`remote-mta`, and `delayed` for a delay notice), or Postfix's "host X[ip] said: ... (in reply
 * to CMD command)" with no Remote-MTA (`host-said`).
 */
export function parseAs(e: Entry, how: Layout) {
  const address = `someone@${e.domain}`;
  const diagnostic =
    how === 'host-said' ? `host ${e.host}[192.0.2.25] said: ${e.reply} (in reply to ${COMMAND[e.step ?? 'RCPT']} command)` : e.reply;
  const action = how === 'delayed' ? 'delayed' : 'failed';
  const dsn = [{ address, status: e.status, action, diagnostic, ...(how === 'host-said' ? {} : { remoteMta: e.host }) }];
  const text = how === 'delayed' ? 'Delivery to the following recipient has been delayed.' : 'Delivery to the following recipient failed.';
  return parseMailSync(ndr({ text, dsn }));
}
