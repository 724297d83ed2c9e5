// MX advice from delivery reports, through the daemon: 300 reports for one
// domain with 90 % failures make the shipped rule advise `block` for 3 hours,
// served by the API and delivered as a signed mx.advice webhook to a real local
// HTTP receiver; below the volume or below the share, no advice. An operator's
// rule (inmail mx-rules add) advises a throttle.
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/operations/tokens.js';
import { freePort, runCli } from '../helpers/daemon.js';
import { startIntakeDaemon, type IntakeDaemon } from '../helpers/intake-daemon.js';
import { waitFor } from '../helpers/wait.js';

const SECRET = 'whsec_mx_advice_test_0123456789';
let d: IntakeDaemon;
let intake: Record<string, string>;
let read: Record<string, string>;
let server: http.Server;
const received: { type: string; data: Record<string, unknown>; verified: boolean }[] = [];

/** n attempts for a domain, `failed` of them refused at RCPT as unknown users, the rest delivered. */
function reports(domain: string, n: number, failed: number): string {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify(
      i < failed
        ? {
            recipient: `u${i}@${domain}`,
            outcome: 'failed',
            code: 550,
            enhanced: '5.1.1',
            text: 'User unknown',
            command: 'RCPT',
            mxHost: `mx.${domain}`,
          }
        : { recipient: `u${i}@${domain}`, outcome: 'delivered', code: 250, text: '2.0.0 Ok', mxHost: `mx.${domain}` },
    ),
  ).join('\n');
}

async function post(domain: string, n: number, failed: number): Promise<void> {
  const r = await d.post('/v1/intake/deliveries', reports(domain, n, failed), intake);
  expect(r.status).toBe(200);
}

async function advice(
  domain: string,
): Promise<{ advice: { action: string; until: string; ruleId: string; perHour: number | null } | null; lastHour: { messages: number } }> {
  const res = await fetch(`${d.base}/v1/domains/${domain}/advice`, { headers: read });
  expect(res.status).toBe(200);
  return (await res.json()) as never;
}

beforeAll(async () => {
  const port = await freePort();
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['inmail-signature'] ?? ''));
      const expected = m ? createHmac('sha256', SECRET).update(`${m[1]}.${body}`).digest('hex') : '';
      const parsed = JSON.parse(body) as { type: string; data: Record<string, unknown> };
      received.push({ type: parsed.type, data: parsed.data, verified: expected === m?.[2] });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  d = await startIntakeDaemon({});
  intake = { authorization: `Bearer ${(await createToken(d.db.pool, 'intake', 'mta')).token}`, 'content-type': 'application/x-ndjson' };
  read = { authorization: `Bearer ${(await createToken(d.db.pool, 'read', 'sender')).token}` };
  const add = await runCli(['webhooks', 'add', `http://127.0.0.1:${port}/hook`, '--events', 'mx.advice', '--secret', SECRET], d.env);
  expect(add.code, add.stderr).toBe(0);
});
afterAll(async () => {
  await d?.stop();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('MX advice', () => {
  it('300 reports at 90 % failures: block for 3 hours, served and sent as a signed mx.advice webhook', async () => {
    const before = Date.now();
    await post('blocked.example', 300, 270);
    await d.processed('delivery');
    const a = await advice('blocked.example');
    expect(a.lastHour.messages).toBe(300);
    expect(a.advice).toMatchObject({ action: 'block', ruleId: 'mx-block-mass-failure', perHour: null });
    const until = Date.parse(a.advice?.until ?? '');
    expect(until - before).toBeGreaterThanOrEqual(3 * 3600_000 - 1000);
    expect(until - Date.now()).toBeLessThanOrEqual(3 * 3600_000);
    await waitFor('mx.advice delivered', async () => received.some((r) => r.data.target === 'blocked.example'));
    expect(received.find((r) => r.data.target === 'blocked.example')).toMatchObject({
      type: 'mx.advice',
      verified: true,
      data: { scope: 'domain', action: 'block', previous: 'none', messages: 300, errors: 270, ruleId: 'mx-block-mass-failure' },
    });
    const all = (await (await fetch(`${d.base}/v1/mx/advice`, { headers: read })).json()) as { items: { target: string }[] };
    expect(all.items.map((i) => i.target)).toEqual(['blocked.example']);
    const stats = await runCli(['stats', '--json'], d.env);
    expect(JSON.parse(stats.stdout)).toMatchObject({
      deliveries: [{ domain: 'blocked.example', messages: 300, sent: 30, failedHard: 270 }],
      advice: [{ target: 'blocked.example', action: 'block' }],
    });
    expect((await runCli(['stats'], d.env)).stdout).toMatch(/blocked\.example\s+block\s/);
  });

  it('below the volume or below the share: no advice, no webhook', async () => {
    await post('few.example', 299, 299);
    await post('share.example', 300, 269);
    await d.processed('delivery');
    expect((await advice('few.example')).advice).toBeNull();
    const share = await advice('share.example');
    expect(share.lastHour.messages).toBe(300);
    expect(share.advice).toBeNull();
    // The outbox holds only the block's event: nothing was written for these two.
    const ev = await d.db.pool.query<{ target: string }>("SELECT data->>'target' AS target FROM webhook_event WHERE type = 'mx.advice'");
    expect(ev.rows.map((r) => r.target)).toEqual(['blocked.example']);
  });

  it("an operator's rule (mx-rules add) advises a throttle; listed before the shipped ones", async () => {
    const add = await runCli(
      [
        'mx-rules',
        'add',
        '--scope',
        'domain',
        '--target',
        'slow.example',
        '--window',
        '1h',
        '--min-messages',
        '20',
        '--error-share',
        '50%',
        '--throttle',
        '100',
        '--for',
        '2h',
      ],
      d.env,
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain('added m1');
    const list = await runCli(['mx-rules', 'list', '--json'], d.env);
    expect((JSON.parse(list.stdout) as { items: { id: string }[] }).items.map((r) => r.id)).toEqual([
      'm1',
      'mx-block-mass-failure',
      'mx-throttle-refusing-sender',
    ]);
    await post('slow.example', 20, 10);
    await d.processed('delivery');
    expect((await advice('slow.example')).advice).toMatchObject({ action: 'throttle', perHour: 100, ruleId: 'm1' });
    expect((await runCli(['mx-rules', 'delete', 'mx-block-mass-failure'], d.env)).code).toBe(2);
  });

  it('the advice routes are in the OpenAPI document with scope read', async () => {
    const doc = (await (await fetch(`${d.base}/openapi.json`, { headers: read })).json()) as {
      paths: Record<string, { get?: { 'x-scope'?: string } }>;
    };
    expect(doc.paths['/v1/domains/{domain}/advice']?.get?.['x-scope']).toBe('read');
    expect(doc.paths['/v1/mx/advice']?.get?.['x-scope']).toBe('read');
  });
});
