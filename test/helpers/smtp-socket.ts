// A raw SMTP client over a TCP socket, for tests that need what a library
// client never does: hold connections open, trickle bytes, choose the source address.
import net from 'node:net';

export interface RawSmtp {
  socket: net.Socket;
  /** The next complete reply (multi-line replies joined), or null once the server closed. */
  reply(timeoutMs?: number): Promise<string | null>;
  write(text: string): void;
  /** Writes `text` a few bytes at a time, `everyMs` apart, until done or the socket closes. */
  trickle(text: string, everyMs: number, bytes?: number): Promise<void>;
  closed: Promise<void>;
  isClosed(): boolean;
  end(): void;
}

export async function connectSmtp(port: number, localAddress = '127.0.0.1'): Promise<RawSmtp> {
  const socket = net.connect({ port, host: '127.0.0.1', localAddress });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.on('error', () => undefined);
  let buf = '';
  let isClosed = false;
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  socket.on('data', (d: Buffer) => {
    buf += d.toString('latin1');
    let nl: number;
    while ((nl = buf.indexOf('\r\n')) >= 0) {
      lines.push(buf.slice(0, nl));
      buf = buf.slice(nl + 2);
    }
    wake();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => ((isClosed = true), wake(), resolve())));
  const reply = async (timeoutMs = 10_000): Promise<string | null> => {
    const deadline = Date.now() + timeoutMs;
    const parts: string[] = [];
    for (;;) {
      while (lines.length) {
        const l = lines.shift() as string;
        parts.push(l);
        if (/^\d{3}(?: |$)/.test(l)) return parts.join('\n');
      }
      if (isClosed) return parts.length ? parts.join('\n') : null;
      if (Date.now() > deadline) throw new Error(`no SMTP reply within ${timeoutMs} ms (so far: ${parts.join('|')})`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 50);
      });
    }
  };
  const trickle = async (text: string, everyMs: number, bytes = 1) => {
    for (let i = 0; i < text.length && !isClosed; i += bytes) {
      socket.write(text.slice(i, i + bytes));
      await new Promise((r) => setTimeout(r, everyMs));
    }
  };
  return { socket, reply, write: (t) => socket.write(t), trickle, closed, isClosed: () => isClosed, end: () => socket.destroy() };
}

/** The value of one sample of a Prometheus exposition text, or null. */
export function metricSample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have: Record<string, string | undefined> = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return null;
}

/** One whole SMTP transaction over a raw socket from `localAddress`; the reply to the message (or the first refusal). */
export async function sendFrom(port: number, localAddress: string, rcpt: string, body: string | Buffer): Promise<string> {
  const c = await connectSmtp(port, localAddress);
  try {
    const greeting = await c.reply();
    if (!greeting?.startsWith('220')) return greeting ?? 'closed';
    for (const [cmd, want] of [
      ['EHLO client.example', '250'],
      ['MAIL FROM:<>', '250'],
      [`RCPT TO:<${rcpt}>`, '250'],
      ['DATA', '354'],
    ] as const) {
      c.write(`${cmd}\r\n`);
      const r = await c.reply();
      if (!r?.startsWith(want)) return r ?? 'closed';
    }
    const text = Buffer.isBuffer(body) ? body.toString('latin1') : body;
    // Dot-stuffing, then the end of data.
    c.socket.write(Buffer.from(`${text.replace(/(^|\r\n)\./g, '$1..')}${text.endsWith('\r\n') ? '' : '\r\n'}.\r\n`, 'latin1'));
    const done = (await c.reply()) ?? 'closed';
    c.write('QUIT\r\n');
    return done;
  } finally {
    setTimeout(() => c.end(), 100);
  }
}

/** Line ends made CRLF and lines starting with a dot doubled, as an SMTP client sends DATA. */
export function dataOf(body: Buffer): Buffer {
  const text = body
    .toString('latin1')
    .replace(/\r?\n|\r/g, '\r\n')
    .replace(/(^|\r\n)\./g, '$1..');
  return Buffer.from(`${text}${text.endsWith('\r\n') ? '' : '\r\n'}.\r\n`, 'latin1');
}

/** Sends many mails over one connection (a new one when the server closes it); the final reply of each, in order. */
export async function sendMany(port: number, rcpt: string, bodies: readonly Buffer[]): Promise<string[]> {
  const replies: string[] = [];
  let c: RawSmtp | null = null;
  const open = async (): Promise<RawSmtp> => {
    const s = await connectSmtp(port);
    const greeting = await s.reply();
    if (!greeting?.startsWith('220')) throw new Error(`greeting: ${greeting}`);
    s.write('EHLO fuzz.example\r\n');
    await s.reply();
    return s;
  };
  for (const body of bodies) {
    if (!c || c.isClosed()) c = await open();
    let reply: string | null = null;
    for (const [cmd, want] of [
      ['MAIL FROM:<> SMTPUTF8', '250'],
      [`RCPT TO:<${rcpt}>`, '250'],
      ['DATA', '354'],
    ] as const) {
      c.write(`${cmd}\r\n`);
      reply = await c.reply();
      if (!reply?.startsWith(want)) break;
      reply = null;
    }
    if (reply === null) {
      c.socket.write(dataOf(body));
      reply = await c.reply(30_000);
    } else if (!c.isClosed()) {
      c.write('RSET\r\n');
      await c.reply();
    }
    replies.push(reply ?? 'closed');
  }
  if (c && !c.isClosed()) {
    c.write('QUIT\r\n');
    await c.reply().catch(() => null);
    c.end();
  }
  return replies;
}
