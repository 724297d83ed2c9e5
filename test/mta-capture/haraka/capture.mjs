// The test sender's mail server (mail.lab.test, MX of lab.test): a raw SMTP sink that
// accepts everything and writes each message to MAILDIR/new/, as a delivery agent would:
// "Return-Path: <envelope sender>" and "Delivered-To: <rcpt>" prepended, bytes otherwise
// as received (dot-unstuffed). Also used by the sieve lab as its "submission" host.
// Usage: node capture.mjs MAILDIR [host] [port]
import net from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [maildir, host = '127.0.0.2', port = '25'] = process.argv.slice(2);
for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(maildir, d), { recursive: true });
let seq = 0;
const reply = (sock, r) => sock.write(r + '\r\n');

net
  .createServer((sock) => {
    let buf = Buffer.alloc(0);
    let inData = false;
    let from = '';
    let rcpts = [];
    reply(sock, '220 mail.lab.test ESMTP capture');
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const body = buf
            .subarray(0, end + 2)
            .toString('latin1')
            .replace(/^\.\./gm, '.');
          buf = buf.subarray(end + 5);
          inData = false;
          const head = `Return-Path: <${from}>\r\nDelivered-To: ${rcpts.join(', ')}\r\n`;
          const name = `${Date.now()}.${process.pid}_${++seq}.mail.lab.test`;
          writeFileSync(join(maildir, 'new', name), Buffer.from(head + body, 'latin1'));
          console.error(`captured ${name} from <${from}> to ${rcpts.join(',')}`);
          reply(sock, '250 2.0.0 Ok: captured');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.subarray(0, nl).toString('latin1');
        buf = buf.subarray(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'LHLO') reply(sock, '250-mail.lab.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800');
        else if (verb === 'HELO') reply(sock, '250 mail.lab.test');
        else if (verb === 'MAIL') {
          from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          rcpts = [];
          reply(sock, '250 2.1.0 Ok');
        } else if (verb === 'RCPT') {
          rcpts.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply(sock, '250 2.1.5 Ok');
        } else if (verb === 'DATA') {
          inData = true;
          reply(sock, '354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'RSET') {
          rcpts = [];
          reply(sock, '250 2.0.0 Ok');
        } else if (verb === 'QUIT') {
          reply(sock, '221 2.0.0 Bye');
          sock.end();
          return;
        } else reply(sock, '250 2.0.0 Ok');
      }
    });
    sock.on('error', () => {});
  })
  .listen(Number(port), host, () => console.error(`capture on ${host}:${port} -> ${maildir}`));
