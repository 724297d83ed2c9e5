// Deliver one test message per case over LMTP to the sieve lab's Dovecot and print every
// reply (these are the texts Dovecot answers an MTA with, e.g. on a full mailbox).
// Usage: node drive.mjs [port]   (replies also written to $T/lmtp-replies.txt)
import net from 'node:net';
import { appendFileSync } from 'node:fs';

const port = Number(process.argv[2] ?? 24241);
const T = process.env.T ?? '/tmp/sieve-lab';
const from = 'sender@lab.test';
// case, user (local part at dest.test), body size
const CASES = [
  ['vac-en', 'vac-en'],
  ['vac-subject', 'vac-subject'],
  ['vac-fr', 'vac-fr'],
  ['vac-de', 'vac-de'],
  ['vac-mime', 'vac-mime'],
  ['vac-from', 'vac-from'],
  ['reject-en', 'reject-en'],
  ['reject-fr', 'reject-fr'],
  ['quota-fill', 'full', 200],
  ['quota-data', 'full', 3000],
  ['quota-rcpt', 'full-rcpt'],
  ['quota-msgs-fill', 'full-msgs'],
  ['quota-msgs', 'full-msgs'],
  ['nouser', 'nosuchuser'],
];

function deliver(kase, user, size = 0) {
  return new Promise((resolve) => {
    const rcpt = `${user}@dest.test`;
    let body = `Hello,\r\n\r\nThis is test message "${kase}" of the sieve capture lab.\r\n`;
    if (size) body += ('y'.repeat(70) + '\r\n').repeat(Math.ceil(size / 72));
    const msg = [
      `From: Sender <${from}>`,
      `To: <${rcpt}>`,
      `Subject: capture ${kase}`,
      `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: <${kase}.sieve@lab.test>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      body,
    ].join('\r\n');
    const cmds = ['LHLO client.lab.test', `MAIL FROM:<${from}>`, `RCPT TO:<${rcpt}>`, 'DATA', msg + '\r\n.', 'QUIT'];
    const sock = net.connect(port, '127.0.0.1');
    let buf = '';
    let i = -1;
    const log = [];
    sock.on('data', (d) => {
      buf += d.toString();
      for (;;) {
        const m = /^(\d{3}) .*\r\n/m.exec(buf);
        if (!m) return;
        const reply = buf.slice(0, m.index + m[0].length);
        buf = buf.slice(m.index + m[0].length);
        i++;
        const sent = cmds[i - 1];
        log.push(`${i === 0 ? 'greeting' : sent.startsWith('From:') ? '<message>' : sent} -> ${reply.trimEnd()}`);
        // a refused RCPT: no DATA
        if (sent?.startsWith('RCPT') && !reply.startsWith('2')) i = cmds.length - 1;
        if (i >= cmds.length) {
          sock.end();
          return;
        }
        sock.write(cmds[i] + '\r\n');
      }
    });
    sock.on('close', () => {
      const out = `== ${kase} (${rcpt})\n${log.join('\n')}\n`;
      process.stdout.write(out);
      appendFileSync(`${T}/lmtp-replies.txt`, out);
      resolve();
    });
  });
}

for (const [kase, user, size] of CASES) await deliver(kase, user, size);
