// A second scripted remote for the Haraka lab (mx.remote2.test, 127.0.0.7:25), for the
// replies ../remote.mjs does not give. Same shape: one reply per recipient local part,
// given at RCPT time; anything else is accepted.
// Usage: node remote2.mjs [host] [port]
import net from 'node:net';

const host = process.argv[2] ?? '127.0.0.7';
const port = Number(process.argv[3] ?? 25);

export const REPLIES = {
  // Postfix + postgrey (DEFER_IF_PERMIT): the greylisting answer every retry gets.
  'grey-471': '450 4.7.1 <grey-471@remote2.test>: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/help/remote2.test.html',
  // A multi-line Spamhaus refusal at RCPT (Microsoft-style wording).
  'spamhaus-ml': [
    '554-5.7.1 Service unavailable; Client host [127.0.0.8] blocked using',
    '554-5.7.1 zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.8',
    '554 5.7.1 To request removal from this list see https://www.spamhaus.org/lookup/',
  ],
  'dmarc-rcpt': '550 5.7.1 Email rejected per DMARC policy for lab.test',
};

const reply = (sock, r) => sock.write((Array.isArray(r) ? r : [r]).map((l) => l + '\r\n').join(''));

net.createServer((sock) => {
  let buf = '';
  let inData = false;
  let ok = 0;
  reply(sock, '220 mx.remote2.test ESMTP ready');
  sock.on('data', (chunk) => {
    buf += chunk.toString('latin1');
    for (;;) {
      if (inData) {
        const end = buf.indexOf('\r\n.\r\n');
        if (end < 0) return;
        buf = buf.slice(end + 5);
        inData = false;
        reply(sock, '250 2.0.0 Ok: queued as 7EFAB5678');
        continue;
      }
      const nl = buf.indexOf('\r\n');
      if (nl < 0) return;
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 2);
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') reply(sock, ['250-mx.remote2.test', '250-PIPELINING', '250-SIZE 10240000', '250 8BITMIME']);
      else if (verb === 'HELO') reply(sock, '250 mx.remote2.test');
      else if (verb === 'MAIL') { ok = 0; reply(sock, '250 2.1.0 Ok'); }
      else if (verb === 'RCPT') {
        const lp = (/<([^@>]*)@/.exec(line)?.[1] ?? '').toLowerCase();
        const r = REPLIES[lp];
        if (r === undefined) { ok++; reply(sock, '250 2.1.5 Ok'); } else reply(sock, r);
      } else if (verb === 'DATA') {
        if (!ok) reply(sock, '554 5.5.1 Error: no valid recipients');
        else { inData = true; reply(sock, '354 End data with <CR><LF>.<CR><LF>'); }
      } else if (verb === 'RSET') { ok = 0; reply(sock, '250 2.0.0 Ok'); }
      else if (verb === 'NOOP') reply(sock, '250 2.0.0 Ok');
      else if (verb === 'QUIT') { reply(sock, '221 2.0.0 Bye'); sock.end(); return; }
      else reply(sock, '502 5.5.2 Error: command not recognized');
    }
  });
  sock.on('error', () => {});
}).listen(port, host, () => console.error(`remote2 on ${host}:${port}`));
