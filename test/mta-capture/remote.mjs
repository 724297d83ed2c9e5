// Scripted "remote" SMTP server for capturing real MTA bounces (not part of npm test).
// Listens on HOST:PORT (default 127.0.0.3:2525) and answers RCPT / DATA per recipient
// local part with the reply chosen in REPLIES below. Multi-line replies are written
// exactly as given. A recipient whose reply is for DATA is accepted at RCPT time and
// gets its reply after the message data.
// Usage: node remote.mjs [host] [port] [mode]   mode = normal | greet421 | silent | mailfrom
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
};

function reply(sock, r) {
  const lines = Array.isArray(r) ? r : [r];
  sock.write(lines.map((l) => l + '\r\n').join(''));
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
        if (verb === 'EHLO') reply(sock, [`250-${name}`, '250-PIPELINING', '250-SIZE 10240000', '250 8BITMIME']);
        else if (verb === 'HELO') reply(sock, `250 ${name}`);
        else if (verb === 'MAIL') {
          dataRcpts = [];
          reply(sock, '250 2.1.0 Ok');
        } else if (verb === 'RCPT') {
          const m = /<([^@>]*)@([^>]*)>/.exec(line);
          const lp = (m?.[1] ?? '').toLowerCase();
          const r = replies[lp];
          if (r === undefined && acceptUnknown) {
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
