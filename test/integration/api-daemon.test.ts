// The api role in the daemon: `inmail start --role api` serves the API on its
// own port (and `--role all` includes it); the metrics port keeps only metrics
// and health.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';

let db: TestDb;
let prefix: string;
const daemons: RunningDaemon[] = [];
const env = () => ({ INMAIL_DATABASE_URL: db.url, INMAIL_REDIS_URL: REDIS_URL, INMAIL_QUEUE_PREFIX: prefix, INMAIL_API_HOST: '127.0.0.1' });

beforeAll(async () => {
  db = await createTestDb();
  prefix = testPrefix();
});
afterAll(async () => {
  for (const d of daemons) await d.stop();
  await db?.drop();
  await dropPrefix(prefix);
});

async function started(roles: string[], extra: Record<string, string> = {}) {
  const d = await spawnDaemon({ env: { ...env(), ...extra }, roles });
  daemons.push(d);
  return JSON.parse(await d.waitForLog(/"msg":"inmail started"/)) as { httpPort: number; apiPort: number | null; roles: string[] };
}

describe('the api role', () => {
  it('serves the API with a token made by the CLI; the metrics port has no /incidents', async () => {
    const s = await started(['api']);
    expect(s.roles).toEqual(['api']);
    expect(s.apiPort).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${s.apiPort}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/v1/stats`)).status).toBe(401);
    const made = await runCli(['tokens', 'create', '--scope', 'read', '--json'], env());
    const { token } = JSON.parse(made.stdout) as { token: string };
    const stats = await fetch(`${base}/v1/stats`, { headers: { authorization: `Bearer ${token}` } });
    expect(stats.status).toBe(200);
    expect(await stats.json()).toMatchObject({ mails: { received: 0 }, addresses: { quarantined: 0 } });
    const ui = await fetch(`${base}/ui/`);
    expect(ui.headers.get('content-type')).toMatch(/text\/html/);
    const docs = await fetch(`${base}/docs`, { redirect: 'manual' });
    expect(docs.headers.get('location')).toBe('/ui/#/reference');
    expect((await fetch(`http://127.0.0.1:${s.httpPort}/incidents`)).status).toBe(404);
    const metrics = await fetch(`http://127.0.0.1:${s.httpPort}/metrics`);
    expect(metrics.status).toBe(200);
    // The API's requests are counted and timed on the metrics port.
    const text = await metrics.text();
    expect(text).toMatch(/^inmail_api_requests_total\{route="\/v1\/stats",method="GET",status="200"\} 1$/m);
    expect(text).toMatch(/^inmail_api_request_duration_seconds_count\{route="\/v1\/stats"\} [1-9]/m);
  });

  it('is part of --role all', async () => {
    const s = await started(['all'], { INMAIL_BOUNCE_DOMAINS: 'bounces.test', INMAIL_SMTP_HOST: '127.0.0.1', INMAIL_SMTP_PORT: '0' });
    expect(s.roles).toEqual(expect.arrayContaining(['smtp', 'worker', 'scheduler', 'api']));
    expect(s.apiPort).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${s.apiPort}/healthz`)).status).toBe(200);
  });
});
