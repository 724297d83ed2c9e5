// Push results through the daemon, posted with a bearer token of scope intake as
// the sending side would: dead tokens (FCM UNREGISTERED, APNs 410 Unregistered,
// 400 BadDeviceToken) are quarantined on the push channel, transient errors count
// as soft, the sender's own mistakes count nothing; no token stores nothing; the
// same result twice counts once; with Postgres cut the answer is 503, then stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/daemon.js';
import { startIntakeDaemon, type IntakeDaemon } from '../helpers/intake-daemon.js';
import { waitFor } from '../helpers/wait.js';

const PATH = '/v1/intake/push';
let d: IntakeDaemon;
let token: string;

const fcmToken = (n: number) => `fGx${n}Zk9:APA91bH${'x'.repeat(120)}${n}`;
const apnsToken = (n: number) => `${n.toString(16).padStart(8, '0')}${'a1b2c3d4'.repeat(7)}`;
const post = (body: unknown, auth: string | null = token) =>
  d.post(PATH, JSON.stringify(body), auth ? { authorization: `Bearer ${auth}` } : {});
const stored = async () => (await d.rows('push')).reduce((n, r) => n + r.n, 0);

beforeAll(async () => {
  d = await startIntakeDaemon({});
  const made = await runCli(['tokens', 'create', '--scope', 'intake', '--json'], d.env);
  token = (JSON.parse(made.stdout) as { token: string }).token;
});
afterAll(async () => {
  await d?.stop();
});

describe('POST /v1/intake/push', () => {
  it('a batch of results: dead tokens quarantined, transient errors soft, sender-side errors nothing', async () => {
    const r = await post([
      { token: fcmToken(1), platform: 'fcm', error: 'UNREGISTERED', status: 404, id: 'b1-1' },
      { token: apnsToken(2), platform: 'apns', error: 'Unregistered', status: 410, id: 'b1-2' },
      { token: apnsToken(3), platform: 'apns', error: 'BadDeviceToken', status: 400, id: 'b1-3' },
      { token: fcmToken(4), platform: 'fcm', error: 'UNAVAILABLE', status: 503, id: 'b1-4' },
      { token: apnsToken(5), platform: 'apns', error: 'BadTopic', status: 400, id: 'b1-5' },
      { token: fcmToken(6), platform: 'fcm', error: 'SENDER_ID_MISMATCH', status: 403, id: 'b1-6' },
    ]);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ received: 6, stored: 6, duplicates: 0 });
    await d.processed('push');
    for (const t of [fcmToken(1), apnsToken(2), apnsToken(3), fcmToken(6)])
      expect(await d.address('push', t)).toMatchObject({ status: 'quarantined', reason: 'userunknown' });
    expect(await d.address('push', fcmToken(4))).toMatchObject({ status: 'erroneous', reason: 'systemerror', error_count: 1 });
    expect(await d.address('push', apnsToken(5))).toBeNull();
    const by = await d.db.pool.query<{ by: string }>("SELECT DISTINCT by FROM address_history WHERE channel = 'push'");
    expect(by.rows).toEqual([{ by: 'bounce' }]);
  });

  it('a later success releases an erroneous token', async () => {
    expect((await post({ token: fcmToken(4), platform: 'fcm', status: 200, id: 'ok-4' })).status).toBe(200);
    await waitFor('released', async () => (await d.address('push', fcmToken(4)))?.status === 'valid');
  });

  it('the same result twice counts once, by its id or, without one, by its content', async () => {
    const withId = { token: fcmToken(7), platform: 'fcm', error: 'QUOTA_EXCEEDED', status: 429, id: 'dup-7' };
    expect(JSON.parse((await post(withId)).body)).toMatchObject({ stored: 1 });
    expect(JSON.parse((await post(withId)).body)).toMatchObject({ stored: 0, duplicates: 1 });
    const noId = { token: apnsToken(8), platform: 'apns', error: 'ServiceUnavailable', status: 503 };
    expect(JSON.parse((await post([noId])).body)).toMatchObject({ stored: 1 });
    expect(JSON.parse((await post(noId)).body)).toMatchObject({ stored: 0, duplicates: 1 });
    await d.processed('push');
    const events = await d.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM bounce_event WHERE channel = 'push' AND address IN ($1, $2)",
      [fcmToken(7), apnsToken(8)],
    );
    expect(events.rows[0]?.n).toBe(2);
  });

  it('without a bearer token, or with one of another scope, nothing is stored', async () => {
    const before = await stored();
    const result = { token: fcmToken(9), platform: 'fcm', error: 'UNREGISTERED' };
    expect((await post(result, null)).status).toBe(401);
    expect((await post(result, 'inm_unknown')).status).toBe(401);
    const read = JSON.parse((await runCli(['tokens', 'create', '--scope', 'read', '--json'], d.env)).stdout) as { token: string };
    expect((await post(result, read.token)).status).toBe(403);
    expect(await stored()).toBe(before);
    expect(await d.address('push', fcmToken(9))).toBeNull();
  });

  it('a malformed result is 400 and stores nothing', async () => {
    const before = await stored();
    expect(
      (
        await post([
          { token: fcmToken(10), error: 'UNREGISTERED' },
          { platform: 'fcm', error: 'UNREGISTERED' },
        ])
      ).status,
    ).toBe(400);
    expect((await d.post(PATH, '{not json', { authorization: `Bearer ${token}` })).status).toBe(400);
    expect(await stored()).toBe(before);
  });

  it('with Postgres cut the answer is 503 and the retry after it comes back is stored', async () => {
    const result = { token: apnsToken(11), platform: 'apns', error: 'Unregistered', status: 410, id: 'cut-11' };
    await d.pgProxy.cut();
    const during = await post(result);
    await d.pgProxy.restore();
    expect(during.status).toBe(503);
    await waitFor('the retry is stored', async () => (await post(result)).status === 200);
    await waitFor('quarantined', async () => (await d.address('push', apnsToken(11)))?.status === 'quarantined');
  });
});
