// Scripted "remote" SMTP server for capturing real MTA bounces (not part of npm test).
// Listens on HOST:PORT (default 127.0.0.3:2525) and answers RCPT / DATA per recipient
// local part with the reply chosen in REPLIES below. Multi-line replies are written
// exactly as given. A recipient whose reply is for DATA is accepted at RCPT time and
// gets its reply after the message data.
// Usage: node remote.mjs [host] [port] [mode]   mode = normal | greet421 | silent
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
