// Signed webhooks against a real local HTTP receiver that is down, times out,
// fails and comes back: every decision is delivered at least once, each
// delivery verifies with the documented recipe, nothing is lost; a delivery that
// keeps failing is given up and shown as failed. Backoff and timeouts are
// shortened by config so that an outage of seconds stands for one of hours.
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/db/redis.js';
import { storeRaw } from '../../src/intake/store-raw.js';
import { processMail } from '../../src/jobs/process-mail.js';
import { metrics } from '../../src/metrics.js';
import { startWebhookSender, type WebhookSender } from '../../src/webhooks/sender.js';
import { startTestApi, type TestApi } from '../helpers/api.js';
import { freePort, runCli } from '../helpers/daemon.js';
import { buildDsn } from '../helpers/dsn.js';
import { workerDeps } from '../helpers/policy.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';
import { pino } from 'pino';
import type { Redis } from 'ioredis';

type Mode = 'ok' | 'fail' | 'hang';
interface Received {
  id: string;
  type: string;
  data: Record<string, unknown>;
  verified: boolean;
  raw: string;
}

/** A receiver as a sending platform would write one: checks the signature the documented way. */
class Receiver {
  mode: Mode = 'ok';
  received: Received[] = [];
  hits = 0;
  private server: http.Server | null = null;
  constructor(
    readonly port: number,
    readonly secret: string,
  ) {}

  async up(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        this.hits++;
        if (this.mode === 'hang') return; // never answers: the sender's timeout must cut it
        if (this.mode === 'fail') return void res.writeHead(503).end('busy');
        const header = String(req.headers['inmail-signature'] ?? '');
        const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
        const expected = m ? createHmac('sha256', this.secret).update(`${m[1]}.${body}`).digest('hex') : '';
        const fresh = m ? Math.abs(Date.now() / 1000 - Number(m[1])) < 300 : false;
        const parsed = JSON.parse(body) as { id: string; type: string; createdAt: string; data: Record<string, unknown> };
        this.received.push({ id: parsed.id, type: parsed.type, data: parsed.data, verified: !!m && fresh && expected === m[2], raw: body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
  }

  async down(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => (s.close(() => resolve()), s.closeAllConnections()));
  }
}

let db: TestDb;
let api: TestApi;
let prefix: string;
let conn: Redis;
let sender: WebhookSender;
let receiver: Receiver;
const SECRET = 'whsec_test_0123456789abcdef';

const env = () => ({
  INMAIL_DATABASE_URL: db.url,
  INMAIL_REDIS_URL: REDIS_URL,
  INMAIL_QUEUE_PREFIX: prefix,
});

beforeAll(async () => {
  db = await createTestDb();
  prefix = testPrefix();
  api = await startTestApi(db, env());
  const config = { ...api.config, webhooks: { attempts: 30, backoffSeconds: 0.2, timeoutSeconds: 0.5, concurrency: 4, pollMs: 50 } };
  conn = createRedis(REDIS_URL, 'worker');
  sender = startWebhookSender({ config, pool: db.pool, connection: conn, logger: pino({ level: 'silent' }) });
  receiver = new Receiver(await freePort(), SECRET);
});

afterAll(async () => {
  await sender?.stop();
  conn?.disconnect();
  await receiver?.down();
  await api?.close();
  await db?.drop();
  await dropPrefix(prefix);
});

const deliveryRows = async () =>
  (
    await db.pool.query<{ status: string; attempts: number; last_error: string | null }>(
      'SELECT status, attempts, last_error FROM webhook_delivery ORDER BY id',
    )
  ).rows;

describe('signed webhooks', () => {
  it('writes nothing to the outbox while no endpoint wants the event', async () => {
    await api.call('PUT', '/v1/addresses/before@hooks.test', { body: { status: 'denylisted' } });
    expect((await db.pool.query('SELECT 1 FROM webhook_event')).rowCount).toBe(0);
  });

  it('delivers every change at least once across a receiver that is down, times out and fails, each signed', async () => {
    const add = await runCli(
      [
        'webhooks',
        'add',
        `http://127.0.0.1:${receiver.port}/hook`,
        '--events',
        'address.changed,incident.opened',
        '--secret',
        SECRET,
        '--json',
      ],
      env(),
    );
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ events: ['address.changed', 'incident.opened'], secret: SECRET });

    const listed = await runCli(['webhooks', 'list', '--json'], env());
    expect(JSON.parse(listed.stdout)).toMatchObject({ url: `http://127.0.0.1:${receiver.port}/hook`, enabled: true });
    expect(listed.stdout).not.toContain(SECRET);

    // The receiver is down: changes from the API, from a bounce, and an incident.
    await api.call('PUT', '/v1/addresses/one@hooks.test', { body: { status: 'quarantined', reason: 'userunknown' } });
    await api.call('PUT', '/v1/addresses/two@hooks.test', { body: { status: 'denylisted', reason: 'feedback' } });
    await api.call('PUT', '/v1/addresses/two@hooks.test', {
      body: { status: 'denylisted', reason: 'feedback', note: 'a note alone: no status change' },
    });
    const deps = workerDeps(db.pool, { guard: { enabled: true, threshold: 2, windowSeconds: 600 } });
    for (const who of ['a', 'b', 'c']) {
      const body = Buffer.from(
        buildDsn({ recipients: [{ address: `${who}@mass.test`, status: '5.1.1', diagnostic: '550 5.1.1 mailbox unavailable (mass)' }] }),
      );
      await processMail(deps, (await storeRaw(db.pool, { source: 'smtp', rcptTo: ['b@bounces.test'], body })).id);
    }
    await api.call('DELETE', '/v1/addresses/one@hooks.test');
    // one: valid→quarantined, →deleted; two: valid→denylisted; a, b: valid→quarantined; c held by the incident.
    const expected = 5;
    await waitFor(
      'failed attempts to be recorded',
      async () => (await deliveryRows()).filter((d) => d.attempts >= 2).length === expected + 1,
    );
    const failing = await runCli(['webhooks', 'deliveries', '--failed', '--json'], env());
    expect(failing.stdout).toMatch(/ECONNREFUSED|fetch failed/);
    expect((await metrics.webhookDeliveries.get()).values.some((v) => v.labels.outcome === 'retry' && v.value > 0)).toBe(true);

    // Back, but the first request hangs past the timeout and the next ones fail: still nothing lost.
    receiver.mode = 'hang';
    await receiver.up();
    await waitFor('a hanging request', async () => receiver.hits >= 1);
    receiver.mode = 'fail';
    await waitFor('failing requests', async () => receiver.hits >= 4);
    receiver.mode = 'ok';
    await waitFor('every delivery delivered', async () => (await deliveryRows()).every((d) => d.status === 'delivered'), {
      timeoutMs: 30_000,
    });

    const ids = new Set(receiver.received.map((r) => r.id));
    expect(ids.size).toBe(expected + 1);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    const changes = receiver.received.filter((r) => r.type === 'address.changed').map((r) => r.data);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ address: 'one@hooks.test', channel: 'email', from: 'valid', to: 'quarantined', reason: 'userunknown' }),
        expect.objectContaining({ address: 'one@hooks.test', from: 'quarantined', to: 'deleted' }),
        expect.objectContaining({ address: 'two@hooks.test', from: 'valid', to: 'denylisted', reason: 'feedback' }),
        expect.objectContaining({ address: 'a@mass.test', to: 'quarantined', by: 'bounce' }),
      ]),
    );
    const incident = receiver.received.find((r) => r.type === 'incident.opened');
    expect(incident?.data).toMatchObject({ domain: 'mass.test', status: 'open' });
    const log = await api.call('GET', '/v1/webhooks/deliveries', { token: api.tokens.admin });
    expect(log.body.items).toHaveLength(expected + 1);
    expect(log.body.items.every((d: { status: string; attempts: number }) => d.status === 'delivered' && d.attempts >= 3)).toBe(true);
  });

  it('a tampered body or an old timestamp fails verification', async () => {
    const r = receiver.received[0];
    expect(r).toBeDefined();
    const { verify } = await import('../../src/webhooks/signature.js');
    const t = Math.floor(Date.now() / 1000);
    const { sign } = await import('../../src/webhooks/signature.js');
    const header = sign(SECRET, r?.raw ?? '', t);
    expect(verify(SECRET, r?.raw ?? '', header, t)).toBe(true);
    expect(verify(SECRET, `${r?.raw ?? ''} `, header, t)).toBe(false);
    expect(verify(SECRET, r?.raw ?? '', header, t + 3600)).toBe(false);
    expect(verify('another secret', r?.raw ?? '', header, t)).toBe(false);
  });

  it('gives up after the configured attempts and shows the delivery as failed', async () => {
    const prefix2 = testPrefix();
    const conn2 = createRedis(REDIS_URL, 'worker');
    await sender.stop();
    const quick = startWebhookSender({
      config: {
        ...api.config,
        queue: { ...api.config.queue, prefix: prefix2 },
        webhooks: { attempts: 2, backoffSeconds: 0.05, timeoutSeconds: 0.5, concurrency: 2, pollMs: 50 },
      },
      pool: db.pool,
      connection: conn2,
      logger: pino({ level: 'silent' }),
    });
    try {
      receiver.mode = 'fail';
      const hook = await api.call('POST', '/v1/webhooks', {
        body: { url: `http://127.0.0.1:${receiver.port}/always-fails`, events: ['address.changed'] },
      });
      expect(hook.status).toBe(201);
      expect(hook.body.secret).toMatch(/^whsec_/);
      const endpoints = await api.call('GET', '/v1/webhooks');
      expect(endpoints.body.items.map((e: { url: string }) => e.url)).toContain(`http://127.0.0.1:${receiver.port}/always-fails`);
      expect(JSON.stringify(endpoints.body)).not.toContain(hook.body.secret);
      await api.call('PUT', '/v1/addresses/giveup@hooks.test', { body: { status: 'denylisted' } });
      await waitFor('the delivery given up', async () => (await deliveryRows()).some((d) => d.status === 'failed'));
      const failed = (await api.call('GET', '/v1/webhooks/deliveries?failed=true')).body.items.filter(
        (d: { status: string }) => d.status === 'failed',
      );
      expect(failed[0]).toMatchObject({ attempts: 2, lastStatusCode: 503, lastError: 'HTTP 503' });
      expect((await api.call('DELETE', `/v1/webhooks/${hook.body.id}`)).body).toEqual({ id: hook.body.id, removed: true });
      const first = JSON.parse((await runCli(['webhooks', 'list', '--json'], env())).stdout) as { id: number };
      expect((await runCli(['webhooks', 'remove', String(first.id)], env())).code).toBe(0);
      expect((await runCli(['webhooks', 'list'], env())).code).toBe(1);
    } finally {
      await quick.stop();
      conn2.disconnect();
      await dropPrefix(prefix2);
    }
  });
});
