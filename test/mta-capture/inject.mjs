// Submit one test message over SMTP to the MTA under test (inside the namespace).
// Usage: node inject.mjs HOST CASE RCPT[,RCPT...] [--notify=SUCCESS,FAILURE,DELAY] [--big] [--hops=N] [--print]
// --delivered-to=ADDR adds that header; --hops=N adds N Received lines (a message that has looped); --print writes the message to
// stdout instead of sending it (for the MTA's own sendmail command: drive-local.sh).
// Message-ID is <CASE.TAG@lab.test> with TAG from $CAPTURE_TAG (default "lab").
import net from 'node:net';

const [host, kase, rcptList, ...opts] = process.argv.slice(2);
const notify = opts.find((o) => o.startsWith('--notify='))?.slice(9);
const big = opts.includes('--big');
const hops = Number(opts.find((o) => o.startsWith('--hops='))?.slice(7) ?? 0);
const print = opts.includes('--print');
// --delivered-to=ADDR: the message already went through a delivery to ADDR (a loop between hosts).
const deliveredTo = opts.find((o) => o.startsWith('--delivered-to='))?.slice(15);
const tag = process.env.CAPTURE_TAG ?? 'lab';
const from = 'sender@lab.test';
const rcpts = rcptList.split(',');
const msgId = `<${kase}.${tag}@lab.test>`;
let body = `Hello,\r\n\r\nThis is test message "${kase}" of the bounce capture lab.\r\n`;
if (big) body += ('x'.repeat(76) + '\r\n').repeat(2000);
const received = Array.from(
  { length: hops },
  (_, i) =>
    `Received: from hop${i + 1}.lab.test (hop${i + 1}.lab.test [127.0.0.${10 + i}])\r\n\tby hop${i}.lab.test; ${new Date(Date.now() - (hops - i) * 1000).toUTCString().replace('GMT', '+0000')}`,
);
const msg = [
  ...(deliveredTo ? [`Delivered-To: ${deliveredTo}`] : []),
  ...received,
  `From: Sender <${from}>`,
  `To: ${rcpts.join(', ')}`,
  `Subject: capture ${kase}`,
  `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
  `Message-ID: ${msgId}`,
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  body,
].join('\r\n');

if (print) {
  process.stdout.write(msg.replace(/\r\n/g, '\n'));
  process.exit(0);
}
const cmds = [
  `EHLO client.lab.test`,
  `MAIL FROM:<${from}>${notify ? ' RET=HDRS' : ''}`,
  ...rcpts.map((r) => `RCPT TO:<${r}>${notify ? ` NOTIFY=${notify}` : ''}`),
  'DATA',
  msg + '\r\n.',
  'QUIT',
];
const sock = net.connect(25, host);
let buf = '';
let i = -1;
sock.on('data', (d) => {
  buf += d.toString();
  for (;;) {
    const m = /^(\d{3}) .*\r\n/m.exec(buf);
    if (!m) return;
    const reply = buf.slice(0, m.index + m[0].length);
    buf = buf.slice(m.index + m[0].length);
    process.stderr.write(`<<< ${reply}`);
    i++;
    if (i >= cmds.length) {
      sock.end();
      return;
    }
    const c = cmds[i];
    process.stderr.write(`>>> ${c.length > 80 ? c.slice(0, 80) + '...' : c}\n`);
    sock.write(c + '\r\n');
  }
});
sock.on('close', () => console.log(`${kase} ${msgId}`));
