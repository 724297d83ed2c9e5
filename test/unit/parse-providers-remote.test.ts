// Receiving-provider rules keyed on the remote host (src/parse/providers/): each
// row is a provider's documented answer written as its server writes it (not a
// copied mail), sent through the whole parser in a DSN whose Remote-MTA names
// the provider. See docs/parser-generalisation.md for the sources.
import { describe, expect, it } from 'vitest';
import { parseMailSync } from '../../src/parse/index.js';
import { ndr } from '../helpers/ndr.js';

// remote MTA, recipient, status, diagnostic, reason
const CASES: ReadonlyArray<readonly [string, string, string, string, string]> = [
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.1.1", "550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. Learn more at 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser x1si123 - gsmtp", "userunknown"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.2.1", "550-5.2.1 The email account that you tried to reach is disabled. Learn more at 550 5.2.1 https://support.google.com/mail/?p=DisabledUser x1si123 - gsmtp", "suspend"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.2.1", "550 5.2.1 The email account that you tried to reach is inactive. https://support.google.com/mail/?p=DisabledUser - gsmtp", "suspend"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "4.2.2", "452-4.2.2 The email account that you tried to reach is over quota. Please direct 452 4.2.2 the recipient to https://support.google.com/mail/?p=OverQuotaTemp - gsmtp", "mailboxfull"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.2.2", "552-5.2.2 The email account that you tried to reach is over quota and inactive. https://support.google.com/mail/?p=OverQuotaPerm - gsmtp", "mailboxfull"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.7.1", "550-5.7.1 [192.0.2.1] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. https://support.google.com/mail/?p=UnsolicitedMessageError - gsmtp", "spamdetected"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "4.7.0", "421-4.7.0 [192.0.2.1] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. https://support.google.com/mail/?p=UnsolicitedRateLimitError - gsmtp", "speeding"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.7.1", "550-5.7.1 [192.0.2.1] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been blocked. https://support.google.com/mail/?p=UnsolicitedIPError - gsmtp", "blocked"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.7.1", "550-5.7.1 This message is likely suspicious due to the very low reputation of the sending IP address. https://support.google.com/mail/answer/188131 - gsmtp", "badreputation"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.7.1", "550-5.7.1 This message is likely suspicious due to the very low reputation of the sending domain. https://support.google.com/mail/answer/188131 - gsmtp", "badreputation"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.7.26", "550-5.7.26 This mail is unauthenticated, which poses a security risk to the sender and Gmail users. https://support.google.com/mail/answer/81126#authentication - gsmtp", "authfailure"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.7.25", "550-5.7.25 [2001:db8::1] The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP. https://support.google.com/mail/?p=IPv6AuthError - gsmtp", "requireptr"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.7.0", "552-5.7.0 This message was blocked because its content presents a potential security issue. https://support.google.com/mail/?p=BlockedMessage - gsmtp", "policyviolation"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.2.3", "552-5.2.3 Your message exceeded Google's message size limits. https://support.google.com/mail/?p=MaxSizeError - gsmtp", "mesgtoobig"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "4.2.1", "450-4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend your message at a later time. https://support.google.com/mail/?p=ReceivingRate - gsmtp", "speeding"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.7.1", "550-5.7.1 The user or domain that you are sending to (or from) has a policy that prohibited the mail that you sent. https://support.google.com/a/answer/172179 - gsmtp", "policyviolation"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.7.1", "550-5.7.1 Messages with multiple addresses in From: header are not accepted. - gsmtp", "notcompliantrfc"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.7.1", "550-5.7.1 [192.0.2.1] The IP you're using to send mail is not authorized to send email directly to our servers. Please use the SMTP relay at your service provider instead. https://support.google.com/mail/?p=NotAuthorizedError - gsmtp", "blocked"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.7.26", "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy. https://support.google.com/mail/answer/2451690 - gsmtp", "authfailure"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.7.27", "550-5.7.27 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. https://support.google.com/mail/?p=UnauthenticatedEmail - gsmtp", "authfailure"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.7.0", "552-5.7.0 Our system detected an illegal attachment on your message. https://support.google.com/mail/?p=BlockedMessage - gsmtp", "policyviolation"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "4.7.28", "421-4.7.28 [192.0.2.1] Our system has detected an unusual rate of unsolicited mail originating from your DKIM domain. https://support.google.com/mail/?p=UnsolicitedRateLimitError - gsmtp", "speeding"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.6.0", "554 5.6.0 Message exceeded 50 hops, this may indicate a mail loop. - gsmtp", "networkerror"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.1.2", "553-5.1.2 We weren't able to find the recipient domain. Please check for any spelling errors. - gsmtp", "hostunknown"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "4.3.0", "451-4.3.0 Mail server temporarily rejected message. - gsmtp", "systemerror"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "5.7.1", "550 5.7.1 Email quota exceeded. - gsmtp", "mailboxfull"],
  ["gmail-smtp-in.l.google.com", "a@gmail.com", "4.7.0", "421-4.7.0 TLS required for RCPT domain, closing connection. - gsmtp", "securityerror"],
  ["smtp-relay.gmail.com", "a@gmail.com", "5.4.5", "550 5.4.5 Daily SMTP relay limit exceeded for user. - gsmtp", "speeding"],
  ["aspmx.l.google.com", "a@example.org", "5.7.1", "550-5.7.1 The user or domain that you are sending to has a policy that prohibited the mail - gsmtp", "policyviolation"],
  ["eur.olc.protection.outlook.com", "a@outlook.com", "5.5.0", "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [AM5EUR02FT011.eop-EUR02.prod.protection.outlook.com]", "userunknown"],
  ["mx1.hotmail.com", "a@hotmail.com", "5.7.1", "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [AM5EUR02FT011.eop-EUR02.prod.protection.outlook.com]", "blocked"],
  ["mx1.hotmail.com", "a@hotmail.com", "5.7.1", "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider. You can tell them that Hotmail does not relay dynamically-assigned IP ranges. You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. (S3140)", "blocked"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.606", "550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to http://go.microsoft.com/fwlink/?LinkID=526655 (AS16012609)", "blocked"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.1", "550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.1 (AS3130). [BN1NAM02FT027.eop-nam02.prod.protection.outlook.com]", "blocked"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.4.1", "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DM3NAM03FT035.eop-NAM03.prod.protection.outlook.com]", "userunknown"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "userunknown"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.509", "550 5.7.509 Access denied, sending domain example.com does not pass DMARC verification and has a DMARC policy of reject.", "authfailure"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.23", "550 5.7.23 The message was rejected because of Sender Policy Framework violation", "authfailure"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.133", "550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; Delivery restriction check failed as the sender was not authenticated", "rejected"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.1", "550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized", "rejected"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.2.2", "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded", "mailboxfull"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.2.122", "550 5.2.122 The recipient has exceeded their limit for the number of messages they can receive per hour.", "toomanyconn"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.508", "550 5.7.508 Access denied, [192.0.2.1] has exceeded permitted limits within 192.0.2.0/24 range", "toomanyconn"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.511", "550 5.7.511 Access denied, banned sender[192.0.2.1]. To request removal from this list please forward this message to delist@messaging.microsoft.com.", "blocked"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.512", "550 5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant and include a valid From address", "notcompliantrfc"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.750", "550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains.", "rejected"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "4.7.650", "451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com (S775)", "badreputation"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "4.7.500", "451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (S77719)", "blocked"],
  ["smtp.office365.com", "a@contoso.com", "5.7.57", "530 5.7.57 SMTP; Client was not authenticated to send anonymous mail during MAIL FROM", "securityerror"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.64", "550 5.7.64 TenantAttribution; Relay Access Denied", "norelaying"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.1", "550 5.7.1 Delivery not authorized, message refused", "rejected"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.510", "550 5.7.510 Access denied, contoso.com does not accept email over IPv6", "blocked"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.6.11", "554 5.6.11 SMTPSEND.BareLinefeedsAreIllegal; message contains bare linefeeds", "contenterror"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.25", "550 5.7.25 [2001:db8::1] The sending IPv6 address must have a reverse DNS record in order to send email over IPv6", "requireptr"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.505", "550 5.7.505 Access denied, banned recipient", "suspend"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.13", "550 5.7.13 RESOLVER.RST.SenderNotAuthenticatedForPublicFolder; sender was not authenticated for public folder", "rejected"],
  ["smtp.office365.com", "a@contoso.com", "5.1.8", "550 5.1.8 Access denied, bad outbound sender", "rejected"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.1.1", "550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found", "userunknown"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.2.1", "550 5.2.1 Mailbox cannot be accessed [BN1NAM02FT027.eop-nam02.prod.protection.outlook.com]", "suspend"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.3.4", "552 5.3.4 Message size exceeds fixed maximum message size", "mesgtoobig"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.4.14", "554 5.4.14 Hop count exceeded - possible mail loop ATTR34", "networkerror"],
  ["smtp.office365.com", "a@contoso.com", "5.1.90", "550 5.1.90 Your message can't be sent because you've reached your daily limit for message recipients.", "speeding"],
  ["contoso-com.mail.protection.outlook.com", "a@contoso.com", "5.7.708", "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.", "blocked"],
  ["mta6.am0.yahoodns.net", "a@yahoo.com", "4.7.0", "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes", "badreputation"],
  ["mta6.am0.yahoodns.net", "a@yahoo.com", "5.7.9", "554 Message not allowed - [PH01] Email not accepted for policy reasons. Please visit https://postmaster.yahooinc.com/error-codes", "policyviolation"],
  ["mta6.am0.yahoodns.net", "a@yahoo.com", "5.7.1", "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes", "blocked"],
  ["mta6.am0.yahoodns.net", "a@yahoo.com", "5.7.2", "553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes", "blocked"],
  ["mta6.am0.yahoodns.net", "a@yahoo.com", "5.0.0", "554 delivery error: dd Sorry your message to a@yahoo.com cannot be delivered. This mailbox is disabled (554.30). - mta1234.mail.bf1.yahoo.com", "suspend"],
  ["mta6.am0.yahoodns.net", "a@yahoo.com", "5.0.0", "554 delivery error: dd Requested mail action aborted, mailbox not found - mta1234.mail.bf1.yahoo.com", "userunknown"],
  ["mx-aol.mail.gm0.yahoodns.net", "a@aol.com", "5.7.9", "550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires all senders to authenticate with either SPF or DKIM.", "authfailure"],
  ["mx01.mail.icloud.com", "a@icloud.com", "5.7.0", "550 5.7.0 Blocked - see https://support.apple.com/en-us/HT204137", "blocked"],
  ["mx01.mail.icloud.com", "a@icloud.com", "5.7.1", "554 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137", "policyviolation"],
  ["mx01.mail.icloud.com", "a@icloud.com", "5.2.2", "552 5.2.2 <a@icloud.com>: user is over quota", "mailboxfull"],
  ["mx01.mail.icloud.com", "a@icloud.com", "5.1.1", "550 5.1.1 <a@icloud.com>: user does not exist", "userunknown"],
  ["mx01.mail.icloud.com", "a@icloud.com", "5.7.1", "550 5.7.1 Your message was rejected due to example.com's DMARC policy. See https://support.apple.com/en-us/HT204137", "authfailure"],
  ["mx3.qq.com", "a@qq.com", "5.0.0", "550 Mailbox not found. http://service.mail.qq.com/cgi-bin/help?id=20022", "userunknown"],
  ["mx3.qq.com", "a@qq.com", "5.0.0", "550 Mail is rejected by recipients http://service.mail.qq.com/cgi-bin/help?id=20022", "filtered"],
  ["mx3.qq.com", "a@qq.com", "5.0.0", "550 Ip frequency limited. http://service.mail.qq.com/cgi-bin/help?id=20022", "toomanyconn"],
  ["mx3.qq.com", "a@qq.com", "5.0.0", "550 Mail content denied. http://service.mail.qq.com/cgi-bin/help?id=20022", "spamdetected"],
  ["mx3.qq.com", "a@qq.com", "5.0.0", "550 DMARC check failed. http://service.mail.qq.com/cgi-bin/help?id=20022", "authfailure"],
  ["lsean.ezweb.ne.jp", "a@ezweb.ne.jp", "5.0.0", "550 : User unknown", "filtered"],
  ["lsean.ezweb.ne.jp", "a@ezweb.ne.jp", "5.0.0", "550 <a@ezweb.ne.jp>: User unknown", "userunknown"],
  ["mx.i.ua", "a@i.ua", "5.0.0", "550 Mailbox is frozen. See http://mail.i.ua/err/3", "suspend"],
  ["mx.i.ua", "a@i.ua", "5.0.0", "550 User not found. See http://mail.i.ua/err/2", "userunknown"],
  ["cxr.mx.a.cloudfilter.net", "a@cox.net", "5.0.0", "554 cox.net rejected - AUP#CXBL https://www.cox.com/residential/support/email-error-codes.html", "blocked"],
  ["cxr.mx.a.cloudfilter.net", "a@cox.net", "5.0.0", "554 192.0.2.1 rejected - AUP#IPBL1000 https://www.cox.com/residential/support/email-error-codes.html", "blocked"],
  ["cxr.mx.a.cloudfilter.net", "a@cox.net", "5.0.0", "550 cox.net recipient rejected", "userunknown"],
];

describe('receiving-provider rules', () => {
  for (const [mta, rcpt, status, diagnostic, reason] of CASES) {
    it(`${mta}: ${diagnostic.slice(0, 70)} -> ${reason}`, () => {
      const got = parseMailSync(ndr({ text: 'Delivery to the following recipient failed.', dsn: [{ address: rcpt, status, diagnostic, remoteMta: mta }] }));
      expect(got.kind).toBe('bounce');
      expect(got.recipients).toHaveLength(1);
      expect(got.recipients[0]).toMatchObject({ address: rcpt, status, reason });
    });
  }
});
