// Scripted "remote" SMTP server for capturing real MTA bounces (not part of npm test).
// Listens on HOST:PORT (default 127.0.0.3:2525) and answers RCPT / DATA per recipient
// local part with the reply chosen in REPLIES below. Multi-line replies are written
// exactly as given. A recipient whose reply is for DATA is accepted at RCPT time and
// gets its reply after the message data.
// Usage: node remote.mjs [host] [port] [mode]   mode = normal | greet421 | silent | mailfrom | a SESSION_MODES key
import net from 'node:net';

// local part -> { at: 'rcpt' | 'data', reply: [lines] } ; a string is a one-line RCPT reply
export const REPLIES = {
  'unknown-enh': '550 5.1.1 <unknown-enh@remote.test>: Recipient address rejected: User unknown in virtual mailbox table',
  'unknown-plain': '550 No such user here',
  'unknown-gmail': [
    '550-5.1.1 The email account that you tried to reach does not exist. Please try',
    "550-5.1.1 double-checking the recipient's email address for typos or",
    '550-5.1.1 unnecessary spaces. For more information, go to',
    '550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1-20020a170906000000b00000000000si1234567ejb.123 - gsmtp',
  ],
  'full-552': '552 5.2.2 <full-552@remote.test>: Recipient address rejected: Mailbox full',
  'full-452':
    '452 4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp - gsmtp',
  disabled: '550 5.2.1 The email account that you tried to reach is disabled. https://support.google.com/mail/?p=DisabledUser - gsmtp',
  spamhaus:
    '554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.1',
  spamcop: '550 5.7.1 Rejected: 127.0.0.1 listed at bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?127.0.0.1',
  noptr:
    '550 5.7.25 [127.0.0.1] The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP. As a policy, Gmail does not accept messages from IPs with missing PTR records. - gsmtp',
  spf: '550 5.7.23 <spf@remote.test>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom;id=sender@lab.test;ip=127.0.0.1;r=<UNKNOWN>',
  dmarc: {
    at: 'data',
    reply: [
      "550-5.7.26 Unauthenticated email from lab.test is not accepted due to domain's",
      '550-5.7.26 DMARC policy. Please contact the administrator of lab.test domain',
      '550 5.7.26 if this was a legitimate mail. - gsmtp',
    ],
  },
  dkim: { at: 'data', reply: '550 5.7.20 Message rejected: No valid DKIM signature found' },
  'rate-421':
    '421 4.7.0 [127.0.0.1] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. - gsmtp',
  'rate-450': '450 4.7.1 <rate-450@remote.test>: Recipient address rejected: Too many messages from 127.0.0.1, try again later',
  grey: '450 4.2.0 <grey@remote.test>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/remote.test.html',
  relay: '554 5.7.1 <relay@remote.test>: Relay access denied',
  spam: { at: 'data', reply: '550 5.7.1 Message rejected as spam by Content Filtering.' },
  virus: { at: 'data', reply: '554 5.7.0 Message rejected: virus found (Eicar-Signature)' },
  toobig: { at: 'data', reply: '552 5.3.4 Message size exceeds fixed maximum message size' },
  'fr-unknown': "550 5.1.1 <fr-unknown@remote.test>: Adresse d'au moins un destinataire invalide. Invalid recipient. OFR_416 [416]",
  'de-full': '552 5.2.2 Die Mailbox des Empfaengers ist voll. Mailbox quota exceeded',
  'es-unknown': '550 5.1.1 El usuario no existe. Por favor, verifique la direccion de correo',
  ok: '250 2.1.5 Ok',
  // Second batch (cases-more.txt): each a wording a class of servers writes, named beside it.
  // Postfix reject_unknown_sender_domain (unknown_address_reject_code 550): refused at RCPT, about the sender.
  'sender-domain': '550 5.1.8 <sender@lab.test>: Sender address rejected: Domain not found',
  // Postfix message_size_limit when the client announces SIZE= / RFC 3463 X.3.4.
  'toobig-rcpt': '552 5.3.4 Message size exceeds fixed limit',
  // RFC 3463 X.2.3: a per-mailbox administrative length limit.
  'exceed-523': { at: 'data', reply: '552 5.2.3 Message length exceeds administrative limit' },
  // Exchange / IIS SMTP's classic RCPT answer with no enhanced code.
  'ms-unavailable': '550 Requested action not taken: mailbox unavailable',
  // Dovecot LMTP / LDA behind a proxy: quota and unknown user.
  'dovecot-quota': { at: 'data', reply: '552 5.2.2 <dovecot-quota@remote.test> Quota exceeded (mailbox for user is full)' },
  'dovecot-nouser': "550 5.1.1 <dovecot-nouser@remote.test> User doesn't exist: dovecot-nouser@remote.test",
  // Exchange Online (Microsoft's NDR reference): 5.1.10 and directory-based edge blocking's 5.4.1.
  'exo-notfound': '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient exo-notfound@remote.test not found by SMTP address lookup',
  'exo-denied':
    '550 5.4.1 Recipient address rejected: Access denied. [DB5EUR01FT012.eop-EUR01.prod.protection.outlook.com 2024-01-01T00:00:00.000Z 08DC0A1B2C3D4E5F]',
  // Exchange Online's banned sending IP (5.7.606-649 in Microsoft's reference).
  'exo-banned':
    '550 5.7.606 Access denied, banned sending IP [127.0.0.1]. To request removal from this list please visit https://sender.office.com/ and follow the directions.',
  // Yandex's help for senders: a message suspected of spam.
  'spam-yandex': { at: 'data', reply: '554 5.7.1 Message rejected under suspicion of SPAM; https://ya.cc/1IrBc 1704067200-AbCdEfGh' },
  // Yahoo's SMTP error codes for senders: 5.7.9 policy refusal.
  'policy-yahoo': {
    at: 'data',
    reply: '554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes',
  },
  // RFC 3463 X.2.1: the mailbox is disabled.
  'disabled-plain': '550 5.2.1 <disabled-plain@remote.test>: Mailbox disabled, not accepting messages',
  // RFC 5321 551 "User not local; please try <forward-path>" with X.1.6 (mailbox has moved).
  moved: '551 5.1.6 User not local; please try <new-address@elsewhere.test>',
  // Postfix reject_unknown_recipient_domain: the recipient's domain does not resolve at the remote.
  'rcpt-domain': '550 5.1.2 <rcpt-domain@remote.test>: Recipient address rejected: Domain not found',
  // netqmail's rcpthosts refusal (qmail-smtpd.c): the remote does not relay for us.
  'qmail-relay': "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)",
  // RFC 3463 X.3.1 / X.3.2 and RFC 7504's 521: the system is out of room, or accepts no mail.
  'storage-452': '452 4.3.1 Insufficient system storage',
  'notaccept-521': '521 5.3.2 mx.remote.test does not accept mail',
  // Postfix smtpd_client_connection_count_limit: too many connections, until the queue gave up.
  'conn-421': '421 4.7.0 mx.remote.test Error: too many connections from 127.0.0.1',
  // Gmail's RFC 5322 compliance refusal after DATA.
  'not-rfc': {
    at: 'data',
    reply: [
      '550-5.7.1 [127.0.0.1] This message is not RFC 5322 compliant. There are multiple Subject',
      '550-5.7.1 headers. To reduce the amount of spam sent to Gmail, this message has been',
      '550 5.7.1 blocked. For more information, go to https://support.google.com/mail/?p=RfcMessageNonCompliant - gsmtp',
    ],
  },
  // RFC 3463 X.6.0 after DATA: the content is malformed.
  'bad-content': { at: 'data', reply: '554 5.6.0 Message contains invalid header' },
  // A greeting-less plain answer of small servers (Courier's, qmail's LDAs): no enhanced code.
  'no-account': '550 Recipient Rejected: No account by that name here',
  // Mailbox full with 4xx until the queue expired (Dovecot, Exim's appendfile quota over LMTP).
  'full-temp': '452 4.2.2 <full-temp@remote.test>: Mailbox is full, try again later',
  // Third batch (cases-third.txt): wordings from vendors' public documentation and servers' sources.
  // Exchange Online's NDR reference: 5.7.133 (a group that takes mail only from authenticated senders),
  // 5.7.25 (no reverse DNS), 5.2.3 RecipSizeLimit, 5.7.509 DMARC, 5.2.2 STOREDRV quota.
  'exo-group':
    '550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; Delivery restriction check failed because the sender was not authenticated when sending to this group',
  'exo-ptr': '550 5.7.25 Access denied, the sending IPv4 address [127.0.0.2] must have a reverse DNS record.',
  'exo-size': '550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient',
  'exo-dmarc': {
    at: 'data',
    reply: '550 5.7.509 Access denied, sending domain lab.test does not pass DMARC verification and has a DMARC policy of reject.',
  },
  'exo-quota': {
    at: 'data',
    reply:
      '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception with message [BeginDiagnosticData]Cannot open mailbox.[EndDiagnosticData]',
  },
  // Gmail's documented SMTP errors (support.google.com/a/answer/3726730).
  'gmail-domain': [
    "553-5.1.2 We weren't able to find the recipient domain. Please check for any",
    "553-5.1.2 spelling errors, and make sure you didn't enter any spaces, periods,",
    "553 5.1.2 or other punctuation after the recipient's email address. a1si1234567ejb.12 - gsmtp",
  ],
  'gmail-fullperm': [
    '552-5.2.2 The email account that you tried to reach is over quota and inactive.',
    '552-5.2.2 Please direct the recipient to',
    '552 5.2.2  https://support.google.com/mail/?p=OverQuotaPerm a1si1234567ejb.12 - gsmtp',
  ],
  'gmail-flood': [
    '550-5.7.28 [127.0.0.2      19] Our system has detected an unusual rate of',
    '550-5.7.28 unsolicited mail originating from your IP address. To protect our',
    '550-5.7.28 users from spam, mail sent from your IP address has been blocked.',
    '550 5.7.28 https://support.google.com/mail/?p=UnsolicitedIPError a1si1234567ejb.12 - gsmtp',
  ],
  'gmail-unsolicited': {
    at: 'data',
    reply: [
      '550-5.7.1 [127.0.0.2      12] Our system has detected that this message is',
      '550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail,',
      '550-5.7.1 this message has been blocked. For more information, go to',
      '550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError a1si1234567ejb.12 - gsmtp',
    ],
  },
  'gmail-unauth': {
    at: 'data',
    reply: [
      '550-5.7.26 This mail has been blocked because the sender is unauthenticated.',
      '550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.',
      '550-5.7.26 ',
      '550-5.7.26  Authentication results:',
      '550-5.7.26  DKIM = did not pass',
      '550-5.7.26  SPF [lab.test] with ip: [127.0.0.2] = did not pass',
      '550-5.7.26 ',
      '550-5.7.26  For instructions on setting up authentication, go to',
      '550 5.7.26  https://support.google.com/mail/answer/81126#authentication a1si1234567ejb.12 - gsmtp',
    ],
  },
  'gmail-rate': [
    '450-4.2.1 The user you are trying to contact is receiving mail at a rate that',
    '450-4.2.1 prevents additional messages from being delivered. Please resend your',
    '450-4.2.1 message at a later time. If the user is able to receive mail at that',
    '450-4.2.1 time, your message will be delivered. For more information, go to',
    '450 4.2.1  https://support.google.com/mail/?p=ReceivingRate a1si1234567ejb.12 - gsmtp',
  ],
  'gmail-tls': '421 4.7.0 TLS required for RCPT domain, closing connection. a1si1234567ejb.12 - gsmtp',
  // Yahoo's SMTP error codes page: "dd" (no such account / disabled mailbox), TSS04 (deferred for complaints).
  'yahoo-nouser':
    "554 delivery error: dd This user doesn't have a yahoo.com account (yahoo-nouser@remote.test) [0] - mta4012.mail.gq1.yahoo.com",
  'yahoo-disabled':
    '554 delivery error: dd Sorry your message to yahoo-disabled@remote.test cannot be delivered. This mailbox is disabled (554.30). - mta1234.mail.bf1.yahoo.com',
  'yahoo-tss04':
    '421 4.7.0 [TSS04] Messages from 127.0.0.2 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
  // Apple iCloud mail's documented replies (support.apple.com HT204137).
  'icloud-nouser': '550 5.1.1 <icloud-nouser@remote.test>: user does not exist',
  'icloud-policy': {
    at: 'data',
    reply: '554 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137',
  },
  // Proofpoint's, Mimecast's, Barracuda's and Cisco Secure Email's documented refusals.
  'proofpoint-blocked': '554 Blocked - see https://ipcheck.proofpoint.com/?ip=127.0.0.2',
  'mimecast-nouser': '550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550 [aBcDeFgHiJkLmNoPqRsTuV.uk123]',
  'mimecast-envelope':
    '550 Administrative prohibition envelope blocked - https://community.mimecast.com/docs/DOC-1369#550 [aBcDeFgHiJkLmNoPqRsTuV.uk124]',
  'barracuda-rbl':
    '554 5.7.1 Service unavailable; Client host [127.0.0.2] blocked using Barracuda Reputation; http://www.barracudanetworks.com/reputation/?r=1&ip=127.0.0.2',
  'cisco-reputation':
    "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation. If you believe that this failure is in error, please contact the intended recipient via alternate means.",
  'cisco-nouser': '550 #5.1.0 Address rejected.',
  // Exim's default ACL answers (no enhanced code): verify = recipient, verify = sender, relay.
  'exim-unrouteable': '550 Unrouteable address',
  'exim-senderverify': ['550-Verification failed for <sender@lab.test>', '550-Unrouteable address', '550 Sender verify failed'],
  'exim-relay': '550 relay not permitted',
  'exim-virus': { at: 'data', reply: '550 This message contains a virus (Eicar-Test-Signature).' },
  'exim-toobig': { at: 'data', reply: '552 Message size exceeds maximum permitted' },
  'exim-defer': '451 Temporary local problem - please try later',
  // Sendmail's own RCPT answers.
  'sm-nouser': '550 5.1.1 <sm-nouser@remote.test>... User unknown',
  'sm-relay': '550 5.7.1 <sm-relay@remote.test>... Relaying denied. Proper authentication required.',
  // Postfix: check_recipient_access REJECT's default text, smtpd_recipient_limit (452 4.5.3), reject_unverified_recipient.
  'pf-access': '550 5.7.1 <pf-access@remote.test>: Recipient address rejected: Access denied',
  'pf-toomany': '452 4.5.3 Error: too many recipients',
  'pf-unverified':
    '450 4.1.1 <pf-unverified@remote.test>: Recipient address rejected: unverified address: host mx2.remote.test[127.0.0.30] said: 550 5.1.1 <pf-unverified@remote.test>: Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command)',
  // RFC 5321's own text for 552, with no enhanced code.
  'rfc-storage': '552 Requested mail action aborted: exceeded storage allocation',
  // Rspamd's default texts (reject, greylist) and amavisd-new's (BANNED, spam) after DATA.
  'rspamd-spam': { at: 'data', reply: '554 5.7.1 Spam message rejected' },
  'rspamd-grey': { at: 'data', reply: '451 4.7.1 Try again later' },
  'amavis-banned': {
    at: 'data',
    reply: '554 5.7.0 Reject, id=12345-01 - BANNED: P=p003,L=1,M=application/x-msdownload,T=exe,N=invoice.exe',
  },
  'amavis-spam': { at: 'data', reply: '554 5.7.0 Reject, id=12345-02 - spam' },
  // Very long one-line answers (over 200 characters): MTAs wrap or cut them.
  'long-unknown':
    '550 5.1.1 <long-unknown@remote.test>: Recipient address rejected: The email account that you tried to reach does not exist in our directory; please check the spelling of the address and try again, or contact the recipient by other means. Reference: remote.test inbound mail policy, section 5.',
  'long-spam': {
    at: 'data',
    reply:
      '554 5.7.1 Your message could not be delivered because it was identified as spam by our content filter. The message has been rejected and will not be delivered to the recipient. If you believe this is in error, please contact the postmaster of remote.test with the full headers of the message and the reference number 7F3A-2B9C-11EE-8D42.',
  },
  // Third batch, second wave: answers whose words or layout are further from the common ones.
  // qmail patches: validrcptto ("not in my validrcptto list", under #5.7.1), chkuser (511), databytes.
  'qmail-validrcptto': '553 sorry, this recipient is not in my validrcptto list (#5.7.1)',
  'qmail-chkuser': '511 sorry, no mailbox here by that name (#5.1.1 - chkuser)',
  'qmail-databytes': { at: 'data', reply: '552 sorry, that message size exceeds my databytes limit (#5.3.4)' },
  // Cyrus IMAP's lmtpd behind a relay: unknown mailbox (multi-line), over quota.
  'cyrus-nouser': [
    '550-Mailbox unknown.  Either there is no mailbox associated with this',
    '550-name or you do not have authorization to see it.',
    '550 5.1.1 User unknown',
  ],
  'cyrus-quota': { at: 'data', reply: '452 4.2.2 Over quota SESSIONID=<cyrus-12345-1704067200-1>' },
  // Outlook.com / Hotmail (Microsoft's "Outlook.com SMTP errors"): S3150 network on the block list, SC-001.
  'outlook-s3150':
    "550 5.7.1 Unfortunately, messages from [127.0.0.2] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [AM4PEPF00012345.eurprd04.prod.outlook.com 2024-01-01T00:00:00.000Z 08DC0A1B2C3D4E5F]",
  'outlook-sc001':
    "550 SC-001 (BAY004-MC1F31) Unfortunately, messages from 127.0.0.2 weren't sent. Please contact your Internet service provider. You can tell them that Hotmail does not relay dynamically-assigned IP ranges. You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.",
  // Exchange Online: 5.7.708 traffic from the IP refused, 5.7.1 content filter ("Mail content denied").
  'exo-708':
    '550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(1000)',
  'exo-content': { at: 'data', reply: '550 5.7.1 Mail content denied. AS(4810) [DB5EUR01FT012.eop-EUR01.prod.protection.outlook.com]' },
  // Yahoo / AOL: BL21 (the IP on Spamhaus's list), HVU:B1 (the IP blocked for reputation).
  'yahoo-bl21':
    "553 5.7.1 [BL21] Connections will not be accepted from 127.0.0.2, because the ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes",
  'aol-hvu': '554 5.7.1 :HVU:B1 https://postmaster.aol.com/error-codes#554hvub1',
  // Mail.ru's documented spam refusal; GMX's / T-Online's IP refusals (no enhanced code).
  'mailru-spam': {
    at: 'data',
    reply:
      '550 spam message rejected. Please visit http://help.mail.ru/notspam-support/id?c=AbCdEfGhIjKlMnOp or  report details to abuse@corp.mail.ru. Error code: AbCdEf. ID: 0123ABCD.',
  },
  'tonline-bl': '554 IP=127.0.0.2 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)',
  // Postfix: reject_sender_login_mismatch at RCPT, a queue file write error after DATA (4xx until expiry),
  // its smtpd timeout after DATA (4xx until expiry).
  'pf-notloggedin': '553 5.7.1 <sender@lab.test>: Sender address rejected: not logged in',
  'pf-queuewrite': { at: 'data', reply: '451 4.3.0 Error: queue file write error' },
  'pf-hops': { at: 'data', reply: '554 5.4.6 Too many hops' },
  // Haraka's and hMailServer's plain RCPT answers; SmarterMail's mailbox size refusal.
  'hmail-nouser': '550 Unknown user',
  'smarter-full': '552 Mailbox size limit exceeded',
  // Generic DMARC wording (OpenDMARC's milter default "rejected by DMARC policy for <domain>").
  opendmarc: { at: 'data', reply: '550 5.7.1 rejected by DMARC policy for lab.test' },
  // Exim's ratelimit ACL example and its "too many ... in this connection".
  'exim-ratelimit': '451 4.7.1 Sender rate 120.0 / 1h over limit',
  // Third batch, third wave: providers named by nothing but their words, defaults of filters, bare codes.
  // Tencent QQ's and Mail.ru's unknown mailbox, NetEase's (163.com) spam code, Zoho's unknown user.
  'qq-nouser': '550 Mailbox not found. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000728',
  'mailru-nouser':
    '550 Message was not accepted -- invalid mailbox.  Local mailbox mailru-nouser@remote.test is unavailable: user not found',
  'netease-spam': {
    at: 'data',
    reply:
      '554 DT:SPM 163 mx12,ABCDEFG_AAA,-1 1704067200, please see http://mail.163.com/help/help_spam_16.htm?ip=127.0.0.2&hostid=mx12&time=1704067200',
  },
  'zoho-nouser': '550 5.1.1 User does not exist - <zoho-nouser@remote.test>',
  // Exim's specification's dnslists example text; a malware scanner's and SpamAssassin's refusals after DATA.
  'exim-blacklist': '550 Rejected because 127.0.0.2 is in a black list at b.barracudacentral.org',
  malware: { at: 'data', reply: '554 5.7.1 Message rejected: malware detected (Win.Trojan.Agent-123)' },
  'sa-blocked': { at: 'data', reply: '550 5.7.1 Blocked by SpamAssassin' },
  // Greylisting in other words (Exim's greylist ACLs), until the queue gave up.
  'grey-300': '451 4.7.1 Greylisted, please try again in 300 seconds',
  // Postfix: reject_unknown_reverse_client_hostname (550 here) and reject_unknown_client_hostname (its default 450).
  'pf-noreverse': '550 5.7.1 Client host rejected: cannot find your reverse hostname, [127.0.0.2]',
  'pf-nohostname': '450 4.7.1 Client host rejected: cannot find your hostname, [127.0.0.2]',
  // iCloud's over-quota answer; an unknown user whose local part holds a misleading word.
  'icloud-quota': '552 5.2.2 <icloud-quota@remote.test>: user is over quota',
  'virus-alerts': '550 5.1.1 <virus-alerts@remote.test>: Recipient address rejected: User unknown in virtual alias table',
  // A bare enhanced code, no words; a temporary "not accepting network messages" until the queue gave up.
  'bare-511': '550 5.1.1',
  'notaccept-temp': '421 4.3.2 System not accepting network messages',
  // Fourth wave: answers in other languages, in UTF-8 (RFC 6531 servers answer so), with and without an
  // enhanced code: what each MTA makes of 8-bit bytes in a reply (kept, replaced, escaped) is part of the layout.
  'de-utf8-full': '552 5.2.2 Das Postfach des Empfängers ist voll (Speicherplatz überschritten)',
  'fr-utf8-unknown': "550 5.1.1 L'adresse du destinataire n'existe pas. Vérifiez l'orthographe.",
  'ru-utf8-unknown': '550 5.1.1 Пользователь не найден',
  'ru-noenh': '550 Такого пользователя нет',
  'pt-full': '552 Caixa postal cheia',
  'it-unknown': '550 Utente sconosciuto',
  'es-full': '552 Buzón lleno',
  'ja-unknown': '550 5.1.1 このメールアドレスは存在しません',
  'cn-unknown': '550 用户不存在',
  'es-noenh-unknown': '550 El usuario no existe',
};

// Third batch: remotes that refuse the whole session at one step, by mode (remotes-up.sh, dnsmasq.conf).
// greet554: Comcast's documented DNSBL refusal as the greeting; helo: Postfix reject_unknown_helo_hostname
// (with a 550 code); starttls: RFC 3207's 530 at MAIL FROM; senderdeny: Postfix check_sender_access REJECT.
export const SESSION_MODES = {
  greet554: {
    at: 'greet',
    reply:
      '554 resimta-ch2-18v.sys.comcast.net comcast 127.0.0.2 found on one or more DNSBLs, see http://postmaster.comcast.net/smtp-error-codes.php#BL000001',
  },
  // GMX's documented greeting refusal (multi-line, no enhanced code).
  greetgmx: {
    at: 'greet',
    reply: [
      '554-gmx.net (mxgmx017) Nemesis ESMTP Service not available',
      '554-No SMTP service',
      '554-IP address is block listed.',
      '554 For explanation visit https://www.gmx.net/mail/senderguidelines?ip=127.0.0.2&c=bl',
    ],
  },
  helo: { at: 'helo', reply: '550 5.7.1 <mail.lab.test>: Helo command rejected: Host not found' },
  starttls: { at: 'mail', reply: '530 5.7.0 Must issue a STARTTLS command first' },
  senderdeny: { at: 'mail', reply: '550 5.7.1 <sender@lab.test>: Sender address rejected: Access denied' },
  // Fifth wave: other answers at MAIL FROM (Postfix's message_size_limit against SIZE=, its queue_minfree,
  // a DNS list checked at MAIL FROM, reject_unlisted_sender), and a server that drops the connection at the
  // end of the data without a reply.
  mailsize: { at: 'mail', reply: '552 5.3.4 Message size exceeds fixed limit' },
  mailstorage: { at: 'mail', reply: '452 4.3.1 Insufficient system storage' },
  mailrbl: {
    at: 'mail',
    reply:
      '554 5.7.1 Service unavailable; Client host [127.0.0.2] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.2',
  },
  mailunknown: { at: 'mail', reply: '550 5.1.0 <sender@lab.test>: Sender address rejected: User unknown in virtual mailbox table' },
  dropdata: { at: 'dropdata' },
};

function reply(sock, r) {
  const lines = Array.isArray(r) ? r : [r];
  // UTF-8 bytes on the wire (non-ASCII replies of the fourth wave; ASCII replies are the same bytes either way).
  sock.write(Buffer.from(lines.map((l) => l + '\r\n').join(''), 'utf8'));
}

/**
 * One scripted remote: `replies` by recipient local part (a string or lines: the RCPT answer;
 * { at: 'data', reply }: accepted at RCPT, refused after the data). A local part it does not
 * know is refused as unknown, or accepted with `acceptUnknown` (haraka/remote2.mjs).
 */
export function serveRemote({ host, port, mode = 'normal', name = 'mx.remote.test', replies = REPLIES, acceptUnknown = false }) {
  const isData = (r) => typeof r === 'object' && !Array.isArray(r);
  const server = net.createServer((sock) => {
    if (mode === 'silent') {
      sock.on('error', () => {});
      return;
    } // accept TCP, never greet
    if (mode === 'mailfrom') {
      // Refuses every sender at MAIL FROM (a server that does not take our return path).
      reply(sock, `220 ${name} ESMTP ready`);
      sock.on('data', (chunk) => {
        for (const line of chunk.toString('latin1').split('\r\n')) {
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === 'EHLO' || verb === 'HELO') reply(sock, `250 ${name}`);
          else if (verb === 'MAIL') reply(sock, '553 5.7.1 <sender@lab.test>: Sender address rejected: not owned by user sender@lab.test');
          else if (verb === 'QUIT') {
            reply(sock, '221 2.0.0 Bye');
            sock.end();
          } else if (verb === 'RSET' || verb === 'NOOP') reply(sock, '250 2.0.0 Ok');
          else if (verb !== '') reply(sock, '503 5.5.1 Error: need MAIL command');
        }
      });
      sock.on('error', () => {});
      return;
    }
    if (mode === 'greet421') {
      reply(sock, `421 4.3.2 ${name} Service not available, closing transmission channel`);
      sock.end();
      return;
    }
    const session = SESSION_MODES[mode];
    if (session?.at === 'greet') {
      reply(sock, session.reply);
      sock.end();
      return;
    }
    let buf = '';
    let inData = false;
    let dataRcpts = [];
    reply(sock, `220 ${name} ESMTP ready`);
    sock.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) {
            if (buf.length > 4) buf = buf.slice(-4);
            return;
          }
          buf = buf.slice(end + 5);
          inData = false;
          if (session?.at === 'dropdata') {
            sock.destroy();
            return;
          }
          const bad = dataRcpts.find((lp) => isData(replies[lp]));
          reply(sock, bad ? replies[bad].reply : '250 2.0.0 Ok: queued as 4ABCD1234');
          dataRcpts = [];
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if ((verb === 'EHLO' || verb === 'HELO') && session?.at === 'helo') reply(sock, session.reply);
        else if (verb === 'EHLO') reply(sock, [`250-${name}`, '250-PIPELINING', '250-SIZE 10240000', '250 8BITMIME']);
        else if (verb === 'HELO') reply(sock, `250 ${name}`);
        else if (verb === 'MAIL' && session?.at === 'mail') reply(sock, session.reply);
        else if (verb === 'MAIL') {
          dataRcpts = [];
          reply(sock, '250 2.1.0 Ok');
        } else if (verb === 'RCPT') {
          const m = /<([^@>]*)@([^>]*)>/.exec(line);
          const lp = (m?.[1] ?? '').toLowerCase();
          const r = replies[lp];
          if (r === undefined && (acceptUnknown || session?.at === 'dropdata')) {
            dataRcpts.push(lp);
            reply(sock, '250 2.1.5 Ok');
          } else if (r === undefined) reply(sock, `550 5.1.1 <${lp}@${m?.[2] ?? 'remote.test'}>: Recipient address rejected: User unknown`);
          else if (isData(r)) {
            dataRcpts.push(lp);
            reply(sock, '250 2.1.5 Ok');
          } else {
            if (String(Array.isArray(r) ? r[0] : r).startsWith('2')) dataRcpts.push(lp);
            reply(sock, r);
          }
        } else if (verb === 'DATA') {
          if (dataRcpts.length === 0) reply(sock, '554 5.5.1 Error: no valid recipients');
          else {
            inData = true;
            reply(sock, '354 End data with <CR><LF>.<CR><LF>');
          }
        } else if (verb === 'RSET') {
          dataRcpts = [];
          reply(sock, '250 2.0.0 Ok');
        } else if (verb === 'NOOP') reply(sock, '250 2.0.0 Ok');
        else if (verb === 'QUIT') {
          reply(sock, '221 2.0.0 Bye');
          sock.end();
          return;
        } else reply(sock, '502 5.5.2 Error: command not recognized');
      }
    });
    sock.on('error', () => {});
  });
  server.listen(port, host, () => console.error(`remote ${name} ${mode} on ${host}:${port}`));
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serveRemote({ host: process.argv[2] ?? '127.0.0.3', port: Number(process.argv[3] ?? 2525), mode: process.argv[4] ?? 'normal' });
}
