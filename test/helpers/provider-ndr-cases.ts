// Providers' own NDR layouts, written after each provider's documented layout
// (its marker lines, where it puts the recipient and the remote's answer):
// synthetic notices, never copied mails. Used by parse-providers-families.test.ts.
import type { MailSpec } from './provider-ndr.js';

export interface Case {
  name: string;
  mail: MailSpec;
  want: Array<{ address: string; reason: string; status?: string; action?: string }>;
}

const YAHOO_HEAD = ['X-YMailISG: synthetic.value', 'X-Originating-IP: [192.0.2.9]'];
const YAHOO_TAIL = '\n--- Below this line is a copy of the message.\n';
const O365_HEAD = ['X-MS-Exchange-Message-Is-Ndr:', 'X-MS-Exchange-CrossTenant-FromEntityHeader: Hosted'];

export const CASES: Case[] = [
  // Yahoo: "<addr>:" then "Remote host said: <reply> [COMMAND]", the reply maybe on its own line.
  {
    name: 'yahoo, reply on the same line, RCPT',
    mail: {
      from: 'MAILER-DAEMON@yahoo.com',
      subject: 'Failure Notice',
      headers: YAHOO_HEAD,
      text:
        'Sorry, we were unable to deliver your message to the following address.\n\n<nobody@example.org>:\nRemote host said: 550 5.1.1 <nobody@example.org>... User Unknown [RCPT_TO]\n' +
        YAHOO_TAIL,
    },
    want: [{ address: 'nobody@example.org', reason: 'userunknown', status: '5.1.1' }],
  },
  {
    name: 'yahoo, reply on its own line, plain 550 to RCPT',
    mail: {
      from: 'MAILER-DAEMON@yahoo.com',
      subject: 'Failure Notice',
      headers: YAHOO_HEAD,
      text:
        'Sorry, we were unable to deliver your message to the following address.\n\n<gone@example.net>:\nRemote host said:\n550 Unknown user\n[RCPT_TO]\n' +
        YAHOO_TAIL,
    },
    want: [{ address: 'gone@example.net', reason: 'userunknown' }],
  },
  {
    name: 'yahoo, mailbox full after DATA',
    mail: {
      from: 'MAILER-DAEMON@yahoo.com',
      subject: 'Failure Notice',
      headers: YAHOO_HEAD,
      text:
        'Sorry, we were unable to deliver your message to the following address.\n\n<full@example.jp>:\nRemote host said:\n552 5.2.2 <full@example.jp>... Mailbox Full\n[DATA]\n' +
        YAHOO_TAIL,
    },
    want: [{ address: 'full@example.jp', reason: 'mailboxfull', status: '5.2.2' }],
  },
  {
    name: 'yahoo, no MX for the domain (no remote reply)',
    mail: {
      from: 'MAILER-DAEMON@yahoo.com',
      subject: 'Failure Notice',
      headers: YAHOO_HEAD,
      text:
        'Sorry, we were unable to deliver your message to the following address.\n\n<someone@no-such-domain.example>:\nNo MX or A records for no-such-domain.example\n' +
        YAHOO_TAIL,
    },
    want: [{ address: 'someone@no-such-domain.example', reason: 'hostunknown' }],
  },
  // Office 365 / Exchange Online without a DSN part.
  {
    name: 'office365, recipient not found',
    mail: {
      from: 'postmaster@contoso.onmicrosoft.com',
      subject: 'Undeliverable: hello',
      headers: O365_HEAD,
      text: "Delivery has failed to these recipients or groups:\n\nmissing@contoso.example<mailto:missing@contoso.example>\nThe email address you entered couldn't be found. Please check the recipient's email address and try to resend the message.\n\n\nDiagnostic information for administrators:\n\nGenerating server: AB1PR01MB0001.eurprd01.prod.outlook.com\n\nmissing@contoso.example\nRemote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'\n\nOriginal message headers:\n\nReceived: from AB1PR01MB0001.eurprd01.prod.outlook.com\n",
    },
    want: [{ address: 'missing@contoso.example', reason: 'userunknown', status: '5.1.10' }],
  },
  {
    name: 'office365, another server rejected the message (banned IP)',
    mail: {
      from: 'postmaster@contoso.onmicrosoft.com',
      subject: 'Undeliverable: hello',
      headers: O365_HEAD,
      text: "Delivery has failed to these recipients or groups:\n\nsomeone@fabrikam.example<mailto:someone@fabrikam.example>\nYour message wasn't delivered because the recipient's email provider rejected it.\n\n\nDiagnostic information for administrators:\n\nGenerating server: AB1PR01MB0001.eurprd01.prod.outlook.com\n\nsomeone@fabrikam.example\nmx.fabrikam.example\nRemote Server returned '550 5.7.606 Access denied, banned sending IP [192.0.2.1]'\n\nOriginal message headers:\n\nReceived: from x\n",
    },
    want: [{ address: 'someone@fabrikam.example', reason: 'blocked', status: '5.7.606' }],
  },
  {
    name: 'office365, DNS domain does not exist (EOP own NDR in a DSN)',
    mail: {
      from: 'postmaster@contoso.onmicrosoft.com',
      subject: 'Undeliverable: hello',
      headers: O365_HEAD,
      text: "Delivery has failed to these recipients or groups:\n\nsomeone@nxdomain.example\nThe domain name in the email address is incorrect. Check that it's spelled correctly.\n",
      reportingMta: 'AB1PR01MB0001.eurprd01.prod.outlook.com',
      dsn: [
        {
          address: 'someone@nxdomain.example',
          status: '5.4.310',
          diagnostic:
            '550 5.4.310 DNS domain nxdomain.example does not exist [Message=InfoDomainNonexistent] [LastAttemptedServerName=nxdomain.example]',
        },
      ],
    },
    want: [{ address: 'someone@nxdomain.example', reason: 'hostunknown', status: '5.4.310' }],
  },
  {
    name: 'office365, message expired with a DNS failure as the last error',
    mail: {
      from: 'postmaster@contoso.onmicrosoft.com',
      subject: 'Undeliverable: hello',
      headers: O365_HEAD,
      text: "Delivery has failed to these recipients or groups:\n\nslow@fabrikam.example\nThe recipient's mail server did not accept the message in time.\n",
      reportingMta: 'AB1PR01MB0001.eurprd01.prod.outlook.com',
      dsn: [
        {
          address: 'slow@fabrikam.example',
          status: '4.4.7',
          action: 'failed',
          diagnostic: '550 4.4.7 Message expired. [Message=451 4.4.0 DNS query failed]',
        },
      ],
    },
    want: [{ address: 'slow@fabrikam.example', reason: 'expired', status: '4.4.7' }],
  },
  // GMX / web.de / mail.com: Exim-like text with a quoted address.
  {
    name: 'gmx, remote 5.1.1 after RCPT',
    mail: {
      from: 'mailer-daemon@gmx.net',
      subject: 'Mail delivery failed: returning message to sender',
      headers: ['X-GMX-Antispam: 0 (Mail was not recognized as spam); Detail=V3;'],
      text: 'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of\nits recipients. This is a permanent error. The following address\nfailed:\n\n"nobody@example.jp":\nSMTP error from remote server after RCPT command:\nhost: mx.example.jp\n5.1.1 <nobody@example.jp>... User Unknown\n\n--- The header of the original message is following. ---\n',
    },
    want: [{ address: 'nobody@example.jp', reason: 'userunknown', status: '5.1.1' }],
  },
  {
    name: 'gmx, retry timeout',
    mail: {
      from: 'mailer-daemon@gmx.net',
      subject: 'Mail delivery failed: returning message to sender',
      headers: ['X-GMX-Antispam: 0 (Mail was not recognized as spam); Detail=V3;'],
      text: 'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of\nits recipients. This is a permanent error. The following address\nfailed:\n\n<late@example.co.jp>\n\nReason:\ndelivery retry timeout exceeded\n\n--- The header of the original message is following. ---\n',
    },
    want: [{ address: 'late@example.co.jp', reason: 'expired' }],
  },
  // 1&1 (IONOS): "For the following reason:" paragraph, or the remote's reply.
  {
    name: '1&1, size limit',
    mail: {
      from: '"Mail Delivery System" <mailer-daemon@kundenserver.de>',
      subject: 'Mail delivery failed: returning message to sender',
      text: 'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of\nits recipients. This is a permanent error. The following address failed:\n\nbig@example.eu\n\nFor the following reason:\n\nMail size limit exceeded. For explanation visit\nhttp://postmaster.1and1.com/en/error-messages?ip=%1s\n\n--- The header of the original message is following. ---\n',
    },
    want: [{ address: 'big@example.eu', reason: 'mesgtoobig' }],
  },
  {
    name: '1&1, remote refused after the text with a provider code',
    mail: {
      from: '"Mail Delivery System" <mailer-daemon@kundenserver.de>',
      subject: 'Mail delivery failed: returning message to sender',
      text: 'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of\nits recipients. This is a permanent error. The following address failed:\n\nsomeone@orange.example:\nSMTP error from remote server for TEXT command, host: smtp-in.orange.fr (192.0.2.65) reason: 550 5.2.0 Mail rejete. Mail rejected. ofr_506 [506]\n\n--- The header of the original message is following. ---\n',
    },
    want: [{ address: 'someone@orange.example', reason: 'spamdetected' }],
  },
  // Biglobe.
  {
    name: 'biglobe, mailbox over its local limit',
    mail: {
      from: 'postmaster@biglobe.ne.jp',
      subject: 'Returned mail: Delivery Problems',
      text: "This is a MIME-encapsulated message.\n\n   ----- The following addresses had delivery problems -----\nfull@example.biglobe.ne.jp\n\n   ----- Non-delivered information -----\nThe number of messages in recipient's mailbox exceeded the local limit.\n",
    },
    want: [{ address: 'full@example.biglobe.ne.jp', reason: 'mailboxfull' }],
  },
  {
    name: 'biglobe, user unknown',
    mail: {
      from: 'postmaster@biglobe.ne.jp',
      subject: 'Returned mail: Delivery Problems',
      text: '   ----- The following addresses had delivery problems -----\nnobody@example.biglobe.ne.jp\n\n   ----- Non-delivered information -----\nMail Delivery Failed... User unknown\n',
    },
    want: [{ address: 'nobody@example.biglobe.ne.jp', reason: 'filtered' }],
  },
  // au / KDDI (dion, auone-net): "Could not be delivered to: <addr>" and a reason line.
  {
    name: 'kddi, mailbox full',
    mail: {
      from: 'no-reply@app.auone-net.jp',
      subject: 'Mail Delivery Failure',
      headers: ['Reply-To: no-reply@app.auone-net.jp'],
      text: 'Your mail sent on: Thu, 29 Apr 2026 11:04:47 +0900\n    Could not be delivered to: <full@example.dion.ne.jp>\n    As their mailbox is full.\n',
    },
    want: [{ address: 'full@example.dion.ne.jp', reason: 'mailboxfull' }],
  },
  {
    name: 'kddi, the remote domain does not exist',
    mail: {
      from: 'no-reply@app.auone-net.jp',
      subject: 'Mail Delivery Failure',
      headers: ['Reply-To: no-reply@app.auone-net.jp'],
      text: 'Your mail attempted to be delivered on: Thu, 29 Apr 2026 11:04:47 +0900\n    Could not be delivered to: <someone@nodomain.example>\n    As the remote domain doesnt exist.\n',
    },
    want: [{ address: 'someone@nodomain.example', reason: 'hostunknown' }],
  },
  // EZweb: the account state above the address.
  {
    name: 'ezweb, account disabled',
    mail: {
      from: '<Postmaster@ezweb.ne.jp>',
      subject: 'Mail System Error - Returned Mail',
      headers: ['Received: from ezweb.ne.jp (EZweb Mail) with ESMTP id x'],
      text: 'The user(s) account is disabled.\n\n<stopped@ezweb.ne.jp>: 550 user unknown (in reply to RCPT TO command)\n',
    },
    want: [{ address: 'stopped@ezweb.ne.jp', reason: 'suspend' }],
  },
  {
    name: 'ezweb, not delivered in time',
    mail: {
      from: '<Postmaster@ezweb.ne.jp>',
      subject: 'Mail System Error - Returned Mail',
      text: 'Your message was not delivered within 0 days and 1 hours.\nRemote host is not responding.\n\n<slow@ezweb.ne.jp>\n',
    },
    want: [{ address: 'slow@ezweb.ne.jp', reason: 'expired' }],
  },
  // Verizon: vtext.com (SMS gateway) and vzwpix.com (MMS gateway).
  {
    name: 'verizon vtext, no such user',
    mail: {
      from: 'post_master@vtext.com',
      subject: 'Undeliverable Message',
      text: 'Error: 550 - Requested action not taken: no such user here\n\nMessage details:\n  Subject: hello\n  Sent date: Wed Jun 12 02:21:53 GMT 2026\n  MAIL FROM: sender@example.com\n  RCPT TO: 5555550100@vtext.com\n',
    },
    want: [{ address: '5555550100@vtext.com', reason: 'userunknown' }],
  },
  {
    name: 'verizon vzwpix, no valid recipients',
    mail: {
      from: 'sysadmin@vzwpix.com',
      subject: 'Undeliverable Message',
      text: 'Message could not be delivered to mobile.\nError: No valid recipients for this MM\n\nOriginal Message:\nFrom: sender <sender@example.com>\nTo: 5555550101@vzwpix.com\nSubject: hello\n',
    },
    want: [{ address: '5555550101@vzwpix.com', reason: 'userunknown' }],
  },
];

const GMAIL_FROM = 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>';
const GMAIL_OLD = (rcpt: string, kind: 'failed permanently' | 'has been delayed', details: string): string =>
  `This is an automatically generated Delivery Status Notification\n\n${kind === 'has been delayed' ? 'THIS IS A WARNING MESSAGE ONLY.\n\nYOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\n' : ''}Delivery to the following recipient ${kind}:\n\n     ${rcpt}\n\n${kind === 'has been delayed' ? 'Message will be retried for 2 more day(s)\n\n' : ''}Technical details of ${kind === 'has been delayed' ? 'temporary' : 'permanent'} failure:\n${details}\n\n   ----- Original message -----\n`;

export const GMAIL_CASES: Case[] = [
  {
    name: 'gmail (old layout), state 14: RCPT refused, user unknown',
    mail: {
      from: GMAIL_FROM,
      subject: 'Delivery Status Notification (Failure)',
      text: GMAIL_OLD(
        'nobody@example.jp',
        'failed permanently',
        'Google tried to deliver your message, but it was rejected by the recipient domain. We recommend contacting the other email provider for further information about the cause of this error. The error that the other server returned was:\n550 550 <nobody@example.jp>: User unknown (state 14).',
      ),
    },
    want: [{ address: 'nobody@example.jp', reason: 'userunknown' }],
  },
  {
    name: 'gmail (old layout), state 18: a user-unknown wording after DATA is a filter',
    mail: {
      from: GMAIL_FROM,
      subject: 'Delivery Status Notification (Failure)',
      text: GMAIL_OLD(
        'filtered@example.jp',
        'failed permanently',
        'Google tried to deliver your message, but it was rejected by the recipient domain. We recommend contacting the other email provider for further information about the cause of this error. The error that the other server returned was:\n550 550 Unknown user filtered@example.jp (state 18).',
      ),
    },
    want: [{ address: 'filtered@example.jp', reason: 'filtered' }],
  },
  {
    name: 'gmail (old layout), delayed, mailbox full at RCPT',
    mail: {
      from: GMAIL_FROM,
      subject: 'Delivery Status Notification (Delay)',
      text: GMAIL_OLD(
        'full@example.jp',
        'has been delayed',
        'Google tried to deliver your message, but it was rejected by the recipient domain. We recommend contacting the other email provider for further information about the cause of this error. The error that the other server returned was: 450 450 4.2.2 <full@example.jp>... Mailbox Full (state 14).',
      ),
    },
    want: [{ address: 'full@example.jp', reason: 'mailboxfull', action: 'delayed' }],
  },
  {
    name: 'gmail (old layout), DNS: domain name not found',
    mail: {
      from: GMAIL_FROM,
      subject: 'Delivery Status Notification (Failure)',
      text: GMAIL_OLD('someone@nxdomain.example', 'failed permanently', 'DNS Error: Domain name not found'),
    },
    want: [{ address: 'someone@nxdomain.example', reason: 'hostunknown' }],
  },
  {
    name: 'gmail (old layout), the recipient server never accepted a connection',
    mail: {
      from: GMAIL_FROM,
      subject: 'Delivery Status Notification (Failure)',
      text: GMAIL_OLD(
        'down@example.net',
        'failed permanently',
        'The recipient server did not accept our requests to connect. Learn more at https://support.google.com/mail/answer/7720 [mx.example.net. 192.0.2.7: timed out]',
      ),
    },
    want: [{ address: 'down@example.net', reason: 'expired' }],
  },
  {
    name: 'gmail (new layout), address not found, no DSN part',
    mail: {
      from: GMAIL_FROM,
      subject: 'Delivery Status Notification (Failure)',
      text: "** Address not found **\n\nYour message wasn't delivered to gone@example.org because the address couldn't be found, or is unable to receive mail.\n\nLearn more here: https://support.google.com/mail/answer/6596\n\nThe response from the remote server was:\n550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown in virtual mailbox table\n",
    },
    want: [{ address: 'gone@example.org', reason: 'userunknown', status: '5.1.1' }],
  },
  {
    name: 'gmail (new layout), message not delivered, the remote refused the content',
    mail: {
      from: GMAIL_FROM,
      subject: 'Delivery Status Notification (Failure)',
      text: '** Message not delivered **\n\nThere was a problem delivering your message to someone@example.org. See the technical details below.\n\nThe response was:\n\n554 5.7.1 Message rejected because of unacceptable content (spam)\n',
    },
    want: [{ address: 'someone@example.org', reason: 'spamdetected' }],
  },
  {
    name: 'g suite, DSN part and the human text: null MX',
    mail: {
      from: GMAIL_FROM,
      subject: 'Delivery Status Notification (Failure)',
      headers: ['X-Gm-Message-State: synthetic'],
      text: "** Address not found **\n\nYour message wasn't delivered to someone@nullmx.example because the domain nullmx.example couldn't be found. Check for typos or unnecessary spaces and try again.\n\nThe response was:\n\nDNS Error: Null MX for nullmx.example\n",
      reportingMta: 'dns; googlemail.com',
      dsn: [{ address: 'someone@nullmx.example', status: '5.0.0', diagnostic: 'DNS Error: Null MX for nullmx.example' }],
    },
    want: [{ address: 'someone@nullmx.example', reason: 'notaccept' }],
  },
];

export const MORE_CASES: Case[] = [
  // SendGrid: its own text names the recipient with the remote's reply and the command; its DSN part may say "Action: expired".
  {
    name: 'sendgrid, user unknown in RCPT TO',
    mail: {
      from: 'SendGrid <apps@sendgrid.net>',
      subject: 'Undelivered Mail Returned to Sender',
      headers: ['Return-Path: <apps@sendgrid.net>'],
      text: "This is an automatically generated message from SendGrid.\n\nI'm sorry to have to tell you that your message was not able to be\ndelivered to one of its intended recipients.\n\nIf you require assistance with this, please contact SendGrid support.\n\nacct:123456:<nobody@example.jp> : 192.0.2.250 : mx.example.jp:[192.0.2.153] :\n  550 5.1.1 <nobody@example.jp>... User Unknown  in RCPT TO\n",
      dsn: [{ address: 'nobody@example.jp', status: '5.1.1', diagnostic: '550 5.1.1 <nobody@example.jp>... User Unknown' }],
    },
    want: [{ address: 'nobody@example.jp', reason: 'userunknown', status: '5.1.1' }],
  },
  {
    name: 'sendgrid, Action: expired after the retries',
    mail: {
      from: 'SendGrid <apps@sendgrid.net>',
      subject: 'Undelivered Mail Returned to Sender',
      headers: ['Return-Path: <apps@sendgrid.net>'],
      text: "This is an automatically generated message from SendGrid.\n\nI'm sorry to have to tell you that your message was not able to be\ndelivered to one of its intended recipients.\n\nacct:123456:<slow@example.net> : 192.0.2.250 : mx.example.net:[192.0.2.9] :\n  421 4.4.2 Connection timed out\n",
      dsn: [{ address: 'slow@example.net', status: '4.4.2', action: 'expired', diagnostic: '421 4.4.2 Connection timed out' }],
    },
    want: [{ address: 'slow@example.net', reason: 'expired' }],
  },
  // Amazon SES receiving: a rule set's bounce action, its templates ("Mailbox does not exist", "Mailbox full", ...).
  {
    name: 'receiving SES, a rule set bounced it as a non-existent mailbox',
    mail: {
      from: 'MAILER-DAEMON@amazonses.com',
      subject: 'Delivery Status Notification (Failure)',
      headers: ['X-SES-Outgoing: 2026.03.02-192.0.2.7'],
      text: 'This message could not be delivered.\n',
      reportingMta: 'dns; inbound-smtp.us-east-1.amazonaws.com',
      dsn: [{ address: 'info@example.com', status: '5.1.1', diagnostic: '550 5.1.1 Mailbox does not exist' }],
    },
    want: [{ address: 'info@example.com', reason: 'filtered', status: '5.1.1' }],
  },
  {
    name: 'receiving SES, mailbox full template',
    mail: {
      from: 'MAILER-DAEMON@amazonses.com',
      subject: 'Delivery Status Notification (Failure)',
      headers: ['X-SES-Outgoing: 2026.03.02-192.0.2.7'],
      text: 'This message could not be delivered.\n',
      dsn: [{ address: 'full@example.com', status: '5.2.2', diagnostic: '552 5.2.2 Mailbox full' }],
    },
    want: [{ address: 'full@example.com', reason: 'mailboxfull', status: '5.2.2' }],
  },
  // Office 365's other layouts: "Original Message Details" with "Recipient Address:", and "<server> rejected your message to ...".
  {
    name: 'office365, recipient in the message details block',
    mail: {
      from: 'postmaster@contoso.onmicrosoft.com',
      subject: 'Undeliverable: hello',
      headers: O365_HEAD,
      text: "Your message to gone@fabrikam.example couldn't be delivered.\ngone wasn't found at fabrikam.example.\n\nOriginal Message Details\nCreated Date:   3/2/2026 10:00:00 AM\nSender Address: sender@example.com\nRecipient Address:      gone@fabrikam.example\nSubject:        hello\n\nError Details\nReported error:  550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\nDSN generated by:       AB1PR01MB0001.eurprd01.prod.outlook.com\n",
    },
    want: [{ address: 'gone@fabrikam.example', reason: 'userunknown', status: '5.1.10' }],
  },
  {
    name: 'office365, another server rejected the message (list layout)',
    mail: {
      from: 'postmaster@contoso.onmicrosoft.com',
      subject: 'Undeliverable: hello',
      headers: O365_HEAD,
      text: "mx.fabrikam.example rejected your message to the following email addresses:\n\nSomeone (someone@fabrikam.example)<mailto:someone@fabrikam.example>\nYour message couldn't be delivered because the recipient's mailbox is full.\n\nmx.fabrikam.example gave this error:\nMailbox full\n\n\nDiagnostic information for administrators:\n\nGenerating server: AB1PR01MB0001.eurprd01.prod.outlook.com\n\nsomeone@fabrikam.example\nmx.fabrikam.example\nRemote Server returned '552 5.2.2 Mailbox full'\n\nOriginal message headers:\n",
    },
    want: [{ address: 'someone@fabrikam.example', reason: 'mailboxfull', status: '5.2.2' }],
  },
  // Outlook.com (Hotmail) with a DSN part whose Diagnostic-Code is empty: it could not reach the destination.
  {
    name: 'outlook.com, delayed without a diagnostic',
    mail: {
      from: 'postmaster@hotmail.com',
      subject: 'Delivery Status Notification (Delay)',
      headers: ['X-Message-Delivery: Vj0xLjE7dXM9MA==', 'X-Message-Info: synthetic'],
      text: 'This is an automatically generated Delivery Status Notification.\n\nTHIS IS A WARNING MESSAGE ONLY.\n\nYOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\nDelivery to the following recipients has been delayed.\n\n     slow@example.org\n',
      dsn: [{ address: 'slow@example.org', status: '4.4.7', action: 'delayed' }],
    },
    want: [{ address: 'slow@example.org', reason: 'expired', action: 'delayed' }],
  },
  // mail.ru: Exim's layout under a Russian preamble.
  {
    name: 'mail.ru, remote user unknown after RCPT',
    mail: {
      from: 'Mail Delivery System <mailer-daemon@corp.mail.ru>',
      subject: 'Mail delivery failed: returning message to sender',
      headers: ['Message-Id: <E1x-0003AD-Ga@f1.mail.ru>'],
      text: 'Это письмо создано автоматически\nсервером Mail.Ru, отвечать на него не\nнужно.\n\nК сожалению, Ваше письмо не может\nбыть доставлено одному или нескольким\nполучателям:\n\n**********************\n\nThis message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  nobody@example.jp\n    SMTP error from remote mail server after RCPT TO:<nobody@example.jp>:\n    host mx.example.jp [192.0.2.222]: 550 5.1.1 <nobody@example.jp>... User Unknown\n\n------ This is a copy of the message, including all the headers. ------\n',
    },
    want: [{ address: 'nobody@example.jp', reason: 'userunknown', status: '5.1.1' }],
  },
  {
    name: 'mail.ru, its own mailbox is full',
    mail: {
      from: 'Mail Delivery System <mailer-daemon@corp.mail.ru>',
      subject: 'Mail delivery failed: returning message to sender',
      text: 'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  full@mail.ru\n    mailbox is full (MTA-imposed quota exceeded while writing to file /var/mail/full):\n\n------ This is a copy of the message, including all the headers. ------\n',
    },
    want: [{ address: 'full@mail.ru', reason: 'mailboxfull' }],
  },
  // Yandex: Postfix's layout with a DSN part.
  {
    name: 'yandex, remote refused at RCPT',
    mail: {
      from: 'mailer-daemon@yandex.ru',
      subject: 'Undelivered Mail Returned to Sender',
      headers: ['X-Yandex-Uniq: synthetic'],
      text: "This is the mail system at host yandex.ru.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<nobody@example.jp>: host mx.example.jp[192.0.2.153] said: 550\n    5.1.1 <nobody@example.jp>... User Unknown (in reply to RCPT TO\n    command)\n",
      reportingMta: 'dns; forward1.mail.yandex.net',
      dsn: [
        {
          address: 'nobody@example.jp',
          status: '5.1.1',
          remoteMta: 'mx.example.jp',
          diagnostic: '550 5.1.1 <nobody@example.jp>... User Unknown',
        },
      ],
    },
    want: [{ address: 'nobody@example.jp', reason: 'userunknown', status: '5.1.1' }],
  },
  // AOL: a DSN part; its own DNS failures.
  {
    name: 'aol, host or domain name not found',
    mail: {
      from: 'MAILER-DAEMON@aol.com',
      subject: 'Undelivered Mail Returned to Sender',
      headers: ['X-AOL-IP: 192.0.2.135'],
      text: 'This is the mail system at host omr-m1.mx.aol.com.\n\n<someone@nxdomain.example>: Host or domain name not found. Name service error\n    for name=nxdomain.example type=A: Host not found\n',
      dsn: [
        {
          address: 'someone@nxdomain.example',
          status: '5.4.4',
          diagnostic: 'X-Postfix; Host or domain name not found. Name service error for name=nxdomain.example type=A: Host not found',
        },
      ],
    },
    want: [{ address: 'someone@nxdomain.example', reason: 'hostunknown' }],
  },
  // Facebook: its postmaster's codes.
  {
    name: "facebook, the recipient's preferences refuse the message",
    mail: {
      from: 'Facebook <mailer-daemon@mx.facebook.com>',
      subject: 'Sorry, your message could not be delivered',
      text: 'This message was created automatically by Facebook.\n\nThe message could not be delivered to the following recipient.\n',
      dsn: [
        {
          address: 'someone@facebook.com',
          status: '5.1.1',
          remoteMta: 'mx.facebook.com',
          diagnostic:
            '550 5.1.1 RCP-P2 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#rcp Refused due to recipient preferences',
        },
      ],
    },
    want: [{ address: 'someone@facebook.com', reason: 'filtered' }],
  },
  // Bigfoot: a forwarding service whose DSN carries a Sendmail-like transcript.
  {
    name: 'bigfoot, invalid recipient in the transcript',
    mail: {
      from: 'Mail Delivery Subsystem <MAILER-DAEMON@bigfoot.com>',
      subject: 'Returned mail: User unknown',
      text: 'The original message was received at Mon, 2 Mar 2026 10:00:00 GMT\nfrom mx.example.com [192.0.2.2]\n\n   ----- Transcript of session follows -----\n>>> RCPT TO:<gone@example.net>\n<<< 553 Invalid recipient gone@example.net (Mode: normal)\n',
      dsn: [
        {
          address: 'gone@example.net',
          status: '5.0.0',
          remoteMta: 'mx.example.net',
          diagnostic: '553 Invalid recipient gone@example.net (Mode: normal)',
        },
      ],
    },
    want: [{ address: 'gone@example.net', reason: 'userunknown' }],
  },
];

export const SENDGRID_CONNECT: Case = {
  name: 'sendgrid, no server answered: its own words on the address line, expired',
  mail: {
    from: 'MAILER-DAEMON@relay.example.com',
    subject: 'Undelivered Mail Returned to Sender',
    headers: ['Return-Path: <apps@sendgrid.net>'],
    text: "This is an automatically generated message from SendGrid.\n\nI'm sorry to have to tell you that your message was not able to be\ndelivered to one of its intended recipients.\n\nacct:654321:<far@example.org> : Connection refused in connect\n",
    dsn: [{ address: 'far@example.org', status: '', action: 'expired', diagnostic: 'Connection refused' }],
  },
  want: [{ address: 'far@example.org', reason: 'expired' }],
};

export const UI_CASES: Case[] = [
  {
    name: 'gmx, a bare 550 after RCPT is a dead address',
    mail: {
      from: 'mailer-daemon@gmx.net',
      subject: 'Mail delivery failed: returning message to sender',
      text: 'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of\nits recipients. This is a permanent error. The following address\nfailed:\n\n"gone@example.de":\nSMTP error from remote server after RCPT command:\nhost: mx.example.de\n550 Unknown user\n\n--- The header of the original message is following. ---\n',
    },
    want: [{ address: 'gone@example.de', reason: 'userunknown' }],
  },
  {
    name: 'web.de, two recipients, the second full',
    mail: {
      from: 'mailer-daemon@web.de',
      subject: 'Mail delivery failed: returning message to sender',
      text: 'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of\nits recipients. This is a permanent error. The following addresses\nfailed:\n\n"one@example.de":\nSMTP error from remote server after RCPT command:\nhost: mx.example.de\n550 5.1.1 <one@example.de>: Recipient address rejected: User unknown\n\n"two@example.de":\nSMTP error from remote server after RCPT command:\nhost: mx.example.de\n552 5.2.2 <two@example.de>: Mailbox full\n\n--- The header of the original message is following. ---\n',
    },
    want: [
      { address: 'one@example.de', reason: 'userunknown', status: '5.1.1' },
      { address: 'two@example.de', reason: 'mailboxfull', status: '5.2.2' },
    ],
  },
  {
    name: '1&1, content refused after DATA (TEXT command)',
    mail: {
      from: '"Mail Delivery System" <mailer-daemon@kundenserver.de>',
      subject: 'Mail delivery failed: returning message to sender',
      text: 'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of\nits recipients. This is a permanent error. The following address failed:\n\nsomeone@example.fr:\nSMTP error from remote server for TEXT command, host: mx.example.fr (192.0.2.65) reason: 554 5.7.1 Message rejected because it contains a virus\n\n--- The header of the original message is following. ---\n',
    },
    want: [{ address: 'someone@example.fr', reason: 'virusdetected' }],
  },
];

export const O365_NEW: Case = {
  name: 'office365, newer layout with "Status code:" for the admins',
  mail: {
    from: 'postmaster@contoso.onmicrosoft.com',
    subject: 'Undeliverable: hello',
    headers: O365_HEAD,
    text: "Your message to lost@fabrikam.example couldn't be delivered.\n\nlost wasn't found at fabrikam.example.\n\nsender    Office 365    lost\nAction Required                Recipient\n\nUnknown To address\n\nMore Info for Email Admins\nStatus code: 550 5.1.10\n\nThis error occurs because the recipient's email address can't be found.\n",
  },
  want: [{ address: 'lost@fabrikam.example', reason: 'userunknown', status: '5.1.10' }],
};

export const AU_CASES: Case[] = [
  {
    name: 'ezweb, the refused RCPT TO in the block decides over the account sentence',
    mail: {
      from: '<Postmaster@ezweb.ne.jp>',
      subject: 'Mail System Error - Returned Mail',
      text: 'The user(s) account is disabled.\n\nEach of the following recipients was rejected by a remote\nmail server.\n\n   Recipient: <nobody@ezweb.ne.jp>\n   >>> RCPT TO:<nobody@ezweb.ne.jp>\n   <<< 550 <nobody@ezweb.ne.jp>: User unknown\n',
    },
    want: [{ address: 'nobody@ezweb.ne.jp', reason: 'userunknown' }],
  },
  {
    name: "ezweb, X-SPASIGN: NG is au's spam filter",
    mail: {
      from: '<Postmaster@ezweb.ne.jp>',
      subject: 'Mail System Error - Returned Mail',
      headers: ['X-SPASIGN: NG'],
      text: 'The following recipients did not receive this message:\n\n<guarded@ezweb.ne.jp>\n',
    },
    want: [{ address: 'guarded@ezweb.ne.jp', reason: 'filtered' }],
  },
];

const GS = (body: string): string => body;
export const GSUITE_CASES: Case[] = [
  {
    name: 'google workspace, DNS lookup without answers is a network failure',
    mail: {
      from: GMAIL_FROM,
      subject: 'Delivery Status Notification (Failure)',
      text: GS(
        "** Address not found **\n\nYour message wasn't delivered to someone@lame.example because the domain lame.example couldn't be found. Check for typos or unnecessary spaces and try again.\n\nThe response was:\n\nDNS Error: 2365 DNS type 'mx' lookup of lame.example responded with code SERVFAIL\n",
      ),
      dsn: [
        {
          address: 'someone@lame.example',
          status: '4.4.3',
          action: 'failed',
          diagnostic: "DNS Error: 2365 DNS type 'mx' lookup of lame.example responded with code SERVFAIL",
        },
      ],
    },
    want: [{ address: 'someone@lame.example', reason: 'networkerror' }],
  },
  {
    name: 'google workspace, NXDOMAIN: no such domain',
    mail: {
      from: GMAIL_FROM,
      subject: 'Delivery Status Notification (Failure)',
      text: GS(
        "** Address not found **\n\nYour message wasn't delivered to someone@nx.example because the domain nx.example couldn't be found.\n\nThe response was:\n\nDNS Error: 4412 DNS type 'mx' lookup of nx.example responded with code NXDOMAIN Domain name not found: nx.example\n",
      ),
    },
    want: [{ address: 'someone@nx.example', reason: 'hostunknown' }],
  },
  {
    name: 'gmail, delivery incomplete: still retrying a full mailbox',
    mail: {
      from: GMAIL_FROM,
      subject: 'Delivery Status Notification (Delay)',
      text: GS(
        "** Delivery incomplete **\n\nThere was a temporary problem delivering your message to full@example.net. Gmail will retry for 46 more hours. You'll be notified if the delivery fails permanently.\n\nThe response was:\n\n452 4.2.2 <full@example.net>: Mailbox full\n",
      ),
    },
    want: [{ address: 'full@example.net', reason: 'mailboxfull', action: 'delayed' }],
  },
];

export const SES_MAIL: Case = {
  name: 'amazon SES bounce mail: delivery expired',
  mail: {
    from: 'MAILER-DAEMON@email-bounces.amazonses.com',
    subject: 'Delivery Status Notification (Failure)',
    headers: ['X-SES-Outgoing: 2026.03.02-192.0.2.7'],
    text: 'An error occurred while trying to deliver the mail to the following recipients:\nslow@example.org\n',
    dsn: [{ address: 'slow@example.org', status: '5.4.7', diagnostic: "Delivery expired (message too old) 'timeout'" }],
  },
  want: [{ address: 'slow@example.org', reason: 'expired' }],
};

export const YAHOO_OLD: Case = {
  name: 'yahoo, older notice: its own sentence, account disabled',
  mail: {
    from: 'MAILER-DAEMON@yahoo.com',
    subject: 'failure delivery',
    text: 'Message from yahoo.com.\nUnable to deliver message to the following address(es).\n\n<closed@yahoo.com>:\nSorry, your message to closed@yahoo.com cannot be delivered.  This account has been disabled or discontinued [#102].\n\n--- Original message follows.\n',
  },
  want: [{ address: 'closed@yahoo.com', reason: 'suspend' }],
};

export const HOTMAIL_TEXT: Case = {
  name: 'hotmail, text-only "Delivery to the following recipients failed." is not read as Gmail\'s',
  mail: {
    from: 'postmaster@hotmail.com',
    subject: 'Delivery Status Notification (Failure)',
    text: 'This is an automatically generated Delivery Status Notification.\n\nDelivery to the following recipients failed.\n\n       gone@example.org\n\n',
  },
  want: [{ address: 'gone@example.org', reason: 'undefined' }],
};

export const GMAIL_DNS: Case[] = [
  {
    name: 'gmail (old layout), DNS servers never answered while it retried: expired',
    mail: {
      from: GMAIL_FROM,
      subject: 'Delivery Status Notification (Failure)',
      text: GMAIL_OLD('someone@dnsdown.example', 'failed permanently', 'DNS Error: Could not contact DNS servers'),
    },
    want: [{ address: 'someone@dnsdown.example', reason: 'expired' }],
  },
  {
    name: 'gmail (old layout), DNS answer with no data: no such host',
    mail: {
      from: GMAIL_FROM,
      subject: 'Delivery Status Notification (Failure)',
      text: GMAIL_OLD('someone@nodata.example', 'failed permanently', 'DNS Error: DNS server returned answer with no data'),
    },
    want: [{ address: 'someone@nodata.example', reason: 'hostunknown' }],
  },
];

export const OUTLOOK_DSN: Case = {
  name: 'outlook.com DSN: a remote\'s "mailbox unavailable"',
  mail: {
    from: 'postmaster@hotmail.com',
    subject: 'Delivery Status Notification (Failure)',
    headers: [
      'X-Message-Delivery: Vj0xLjE7dXM9MA==',
      'X-Message-Info: synthetic',
      'Received: from BAY0-XMR-000.phx.gbl ([192.0.2.3]) by bay0-omc1-s1.bay0.hotmail.com',
    ],
    text: 'This is an automatically generated Delivery Status Notification.\n\nDelivery to the following recipients failed.\n\n       gone@example.org\n',
    dsn: [
      {
        address: 'gone@example.org',
        status: '5.0.0',
        remoteMta: 'mx.example.org',
        diagnostic: '550 Requested action not taken: mailbox unavailable',
      },
    ],
  },
  want: [{ address: 'gone@example.org', reason: 'userunknown' }],
};

export const YAHOO_TO_QQ: Case = {
  name: 'a QQ refusal behind "Remote host said:" (which names no host): the recipient\'s domain keys the provider',
  mail: {
    from: 'MAILER-DAEMON@mx.example.net',
    subject: 'failure notice',
    text: "Hi. This is the qmail-send program at mx.example.net.\nI'm afraid I wasn't able to deliver your message to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n<friend@qq.com>:\n192.0.2.5 failed after I sent the message.\nRemote host said: 550 Mail is rejected by recipients\n",
  },
  want: [{ address: 'friend@qq.com', reason: 'rejected' }],
};

export const WORKSPACE_GROUP: Case = {
  name: 'google groups on a Workspace domain: the group refused the poster',
  mail: {
    from: GMAIL_FROM,
    subject: 'Delivery Status Notification (Failure)',
    headers: ['X-Failed-Recipients: team@example.com', 'X-Google-Smtp-Source: synthetic'],
    text: "Hello sender@example.org,\n\nWe're writing to let you know that the group you tried to contact (team) may not exist, or you may not have permission to post messages to the group. A few more details on why you weren't able to post:\n\n * You might have spelled or formatted the group name incorrectly.\n * The owner of the group may have removed this group.\n * You may need to join the group before receiving permission to post.\n * This group may not be open to posting.\n\nIf you have questions related to this or any other Google Group, visit the Help Center at https://support.google.com/a/example.com/bin/topic.py?topic=25838.\n\nThanks,\n\nexample.com admins\n",
  },
  want: [{ address: 'team@example.com', reason: 'rejected' }],
};

export const O365_DSN_ONLY: Case = {
  name: 'office365, a short notice and a DSN: EOP refused the sender itself (banned IP range)',
  mail: {
    from: 'postmaster@contoso.onmicrosoft.com',
    subject: 'Undeliverable: hello',
    headers: O365_HEAD,
    text: 'Delivery has failed to these recipients or groups:\n\nThe message could not be sent.\n',
    reportingMta: 'AB1PR01MB0001.eurprd01.prod.outlook.com',
    dsn: [
      {
        address: 'someone@contoso.example',
        status: '5.7.708',
        diagnostic: '550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP',
      },
    ],
  },
  want: [{ address: 'someone@contoso.example', reason: 'speeding', status: '5.7.708' }],
};

export const GROUP_NO_CAUSE: Case = {
  name: 'google groups notice that gives no cause: on hold',
  mail: {
    from: GMAIL_FROM,
    subject: 'Delivery Status Notification (Failure)',
    headers: ['X-Failed-Recipients: club@googlegroups.com', 'X-Google-Smtp-Source: synthetic'],
    text: 'Hello sender@example.org,\n\nYour message to club@googlegroups.com could not be posted.\n\nIf you have questions related to this or any other Google Group, visit the Help Center at https://groups.google.com/support/.\n\nThanks,\n\nGoogle Groups\n',
  },
  want: [{ address: 'club@googlegroups.com', reason: 'onhold' }],
};

export const GROUP_OTHER_LANGUAGE: Case = {
  name: "google groups notice in the poster's language, on a group outside googlegroups.com: Google Groups' help link names the layout",
  mail: {
    from: GMAIL_FROM,
    subject: 'Delivery Status Notification (Failure)',
    headers: ['X-Failed-Recipients: vorstand@verein.example', 'X-Google-Smtp-Source: synthetic'],
    text: 'Hallo sender@example.org,\n\nIhre Nachricht an vorstand@verein.example konnte nicht gepostet werden. Weitere Informationen:\n\n * Der Gruppenname ist eventuell falsch geschrieben.\n * Die Gruppe wurde eventuell vom Inhaber entfernt.\n * Sie müssen der Gruppe eventuell erst beitreten.\n * In dieser Gruppe darf eventuell nicht gepostet werden.\n\nWenn Sie Fragen haben, besuchen Sie die Hilfe unter https://groups.google.com/support/.\n\nGoogle Groups\n',
  },
  want: [{ address: 'vorstand@verein.example', reason: 'rejected' }],
};
