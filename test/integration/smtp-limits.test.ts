// SMTP session limits that hold against one client over real sockets: the
// per-client connection count (a refused connection must not give a slot back),
// and the clocks a client trickling one byte at a time cannot stretch.
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort, spawnDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { REDIS_URL } from '../helpers/redis.js';
import { connectSmtp, metricSample, sendFrom, type RawSmtp } from '../helpers/smtp-socket.js';
import { daemonSuite } from '../helpers/daemon-suite.js';
import { waitFor } from '../helpers/wait.js';

const DOMAIN = 'bounces.test';
const suite = daemonSuite();
const { daemons } = suite;

async function start(yaml: string): Promise<{ smtp: number; http: number; daemon: RunningDaemon }> {
  const smtp = await freePort();
  const http = await freePort();
  const daemon = await spawnDaemon({
    env: {
      INMAIL_DATABASE_URL: suite.db.url,
      INMAIL_REDIS_URL: REDIS_URL,
      INMAIL_QUEUE_PREFIX: suite.prefix,
      INMAIL_SMTP_HOST: '127.0.0.1',
      INMAIL_SMTP_PORT: String(smtp),
      INMAIL_HTTP_PORT: String(http),
      INMAIL_BOUNCE_DOMAINS: DOMAIN,
    },
    roles: ['smtp'],
    configYaml: `http:\n  host: 127.0.0.1\nsmtp:\n${yaml}`,
  });
  daemons.push(daemon);
  await daemon.waitForLog(/"msg":"inmail started"/);
  return { smtp, http, daemon };
}

const metricsOf = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();

describe('connections per client', () => {
  it('never lets one address hold more than its limit, however many times it retries; another address still gets 220', async () => {
    const { smtp } = await start('  maxClients: 8\n  maxConnectionsPerClient: 3\n');
    const held: RawSmtp[] = [];
    let refused = 0;
    let mostHeld = 0;
    for (let i = 0; i < 60; i++) {
      const c = await connectSmtp(smtp, '127.0.0.1');
      const greeting = await c.reply();
      if (greeting?.startsWith('220')) held.push(c);
      else {
        expect(greeting).toMatch(/^421 4\.7\.0 Too many connections from 127\.0\.0\.1/);
        refused++;
        await c.closed;
      }
      mostHeld = Math.max(mostHeld, held.length);
    }
    console.log(`connections from one address: attempted 60, held at most ${mostHeld} (limit 3), refused ${refused}`);
    expect(mostHeld).toBe(3);
    expect(refused).toBe(57);

    const other = await connectSmtp(smtp, '127.0.0.2');
    expect(await other.reply()).toMatch(/^220 /);
    other.end();

    // Closing an accepted connection gives its slot back.
    held.pop()?.write('QUIT\r\n');
    await new Promise((r) => setTimeout(r, 300));
    const again = await connectSmtp(smtp, '127.0.0.1');
    expect(await again.reply()).toMatch(/^220 /);
    again.end();
    for (const c of held) c.end();
  });
});

describe('session clocks', () => {
  let port: number;
  let httpPort: number;
  let daemon: RunningDaemon;
  beforeAll(async () => {
    const d = await start(
      '  maxConnectionsPerClient: 2\n  socketTimeoutSeconds: 2\n  maxSessionSeconds: 5\n  maxDataSeconds: 4\n  minDataBytesPerSecond: 50\n  dataGraceSeconds: 1\n',
    );
    port = d.smtp;
    httpPort = d.http;
    daemon = d.daemon;
  });

  it('cuts a client that trickles a command one byte at a time (421 4.4.2), and gives its slot back', async () => {
    const c = await connectSmtp(port);
    expect(await c.reply()).toMatch(/^220/);
    const started = Date.now();
    void c.trickle('EHLO slow.client.example.with.a.long.name.that.takes.a.while\r\n', 300);
    expect(await c.reply(8000)).toMatch(/^421 4\.4\.2 Timeout waiting for a command/);
    await c.closed;
    const took = Date.now() - started;
    expect(took).toBeLessThan(5000);
    await daemon.waitForLog(/session cut \(idle\)/);
    expect(metricSample(await metricsOf(httpPort), 'inmail_smtp_sessions_cut_total', { reason: 'idle' })).toBeGreaterThanOrEqual(1);
    // Both slots of this address (maxConnectionsPerClient: 2) are free again.
    const [a, b] = [await connectSmtp(port), await connectSmtp(port)];
    expect([await a.reply(), await b.reply()].map((r) => r?.slice(0, 3))).toEqual(['220', '220']);
    a.end();
    b.end();
  });

  it('cuts a DATA that trickles below the minimum rate', async () => {
    const c = await connectSmtp(port);
    await c.reply();
    for (const cmd of ['EHLO client.example', 'MAIL FROM:<>', `RCPT TO:<b@${DOMAIN}>`, 'DATA']) {
      c.write(`${cmd}\r\n`);
      expect(await c.reply()).toMatch(/^(250|354)/);
    }
    void c.trickle('Subject: slow\r\n\r\n' + 'x'.repeat(200), 200);
    expect(await c.reply(8000)).toMatch(/^421 4\.4\.2 Message transfer too slow/);
    await c.closed;
    await daemon.waitForLog(/session cut \(data-rate\)/);
  });

  it('cuts a DATA that keeps the rate but never ends, at the DATA deadline', async () => {
    const c = await connectSmtp(port);
    await c.reply();
    for (const cmd of ['EHLO client.example', 'MAIL FROM:<>', `RCPT TO:<b@${DOMAIN}>`, 'DATA']) {
      c.write(`${cmd}\r\n`);
      await c.reply();
    }
    void c.trickle('Subject: endless\r\n\r\n' + 'y'.repeat(100_000), 100, 20);
    expect(await c.reply(8000)).toMatch(/^421 4\.4\.2 Message took too long/);
    await c.closed;
    expect(metricSample(await metricsOf(httpPort), 'inmail_smtp_sessions_cut_total', { reason: 'data-time' })).toBe(1);
  });

  it('ends a session kept alive with NOOPs at its maximum length', async () => {
    const c = await connectSmtp(port);
    await c.reply();
    const started = Date.now();
    let last: string | null = '';
    while (Date.now() - started < 10_000) {
      if (!c.isClosed()) c.write('NOOP\r\n');
      last = await c.reply();
      if (!last?.startsWith('250')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(last).toMatch(/^421 4\.4\.2 Session too long/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4500);
    await daemon.waitForLog(/session cut \(session-length\)/);
  });

  it('lets a normal client through', async () => {
    const c = await connectSmtp(port);
    await c.reply();
    c.write('EHLO fine.example\r\n');
    const ehlo = await c.reply();
    expect(ehlo).toMatch(/^250/);
    // Without smtp.tls no STARTTLS is offered (smtp-server would use its built-in certificate).
    expect(ehlo).not.toMatch(/STARTTLS/);
    c.write('QUIT\r\n');
    expect(await c.reply()).toMatch(/^221/);
  });
});

describe('message data the sessions hold at once', () => {
  it('past smtp.maxDataBytesInFlight another message is answered 452 4.3.1 (retried, not lost); one message alone may be larger; the bytes come back once answered', async () => {
    const { smtp, http } = await start('  maxDataBytesInFlight: 2048\n');
    const rcpt = `held@${DOMAIN}`;
    const a = await connectSmtp(smtp, '127.0.0.1');
    expect(await a.reply()).toMatch(/^220/);
    for (const [cmd, want] of [
      ['EHLO a.example', /^250/],
      ['MAIL FROM:<>', /^250/],
      [`RCPT TO:<${rcpt}>`, /^250/],
      ['DATA', /^354/],
    ] as const) {
      a.write(`${cmd}\r\n`);
      expect(await a.reply()).toMatch(want);
    }
    // A's message, larger than the bound, is held unfinished.
    a.write(`Subject: large\r\n\r\n${'a'.repeat(76)}\r\n`.repeat(40));
    const small = 'Subject: small\r\n\r\nhello\r\n';
    // B's messages are stored until A's bytes have reached the server, then deferred.
    const deferred = await waitFor('a message deferred while A holds its bytes', async () => {
      const r = await sendFrom(smtp, '127.0.0.1', rcpt, small);
      return r.startsWith('452') ? r : null;
    });
    expect(deferred).toMatch(/^452 4\.3\.1 /);
    a.write('.\r\n');
    expect(await a.reply()).toMatch(/^250/);
    a.end();
    expect(await sendFrom(smtp, '127.0.0.1', rcpt, small)).toMatch(/^250/);
    expect(
      metricSample(await metricsOf(http), 'inmail_mails_received_total', { intake: 'smtp', result: 'deferred', reason: 'memory' }),
    ).toBeGreaterThan(0);
  });
});
