// The HTTP intakes hold a bounded number of request bytes (api/routes/intake.ts): a
// request that would take them past maxBytesInFlight is answered 503 with Retry-After
// before its body is read, the bytes of a request are let go once it is answered, and
// one request is always let in whatever its size.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Intake, StoreResult } from '../../src/intake/accept.js';
import type { WebhookSource } from '../../src/intake/http/types.js';
import { registerIntake } from '../../src/api/routes/intake.js';
import { BytesInFlight } from '../../src/intake/bytes-in-flight.js';
import { waitFor } from '../helpers/wait.js';

/** An intake whose commits wait while it is closed; `held` counts those waiting. */
function heldIntake() {
  let waiting: (() => void)[] = [];
  let opened = false;
  const intake: Intake = {
    accept: () => Promise.reject(new Error('not used')),
    async acceptMany(items) {
      if (!opened) await new Promise<void>((r) => waiting.push(r));
      return items.map((_, i): StoreResult => ({ kind: 'stored', id: i + 1, receivedAt: new Date() }));
    },
    pendingEnqueues: 0,
    close: () => Promise.resolve(),
  };
  return {
    intake,
    held: () => waiting.length,
    open: () => {
      opened = true;
      for (const w of waiting) w();
      waiting = [];
    },
  };
}

const source: WebhookSource = {
  source: 'sendgrid',
  configured: true,
  setting: 'test',
  doc: { summary: 'test', verifiedBy: 'nothing', mediaTypes: ['application/json'] },
  receive: async (req) => ({ kind: 'events', items: [{ source: 'sendgrid', rcptTo: [], body: req.body }] }),
};

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function serve(intake: Intake, maxBytesInFlight: number): Promise<string> {
  app = Fastify();
  await registerIntake(app, {
    intake,
    sources: [source],
    logger: pino({ level: 'silent' }),
    tokenScope: () => Promise.resolve(null),
    send: (reply, status, detail) => reply.code(status).send({ detail }),
    bodyLimit: 1024 * 1024,
    maxBytesInFlight,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/v1/intake/sendgrid`;
}

const post = (url: string, bytes: number) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(bytes) });

describe('bytes of the HTTP intakes in flight', () => {
  it('past the bound: 503 with Retry-After before the body is read; a request that fits is let in; bytes come back once answered', async () => {
    const h = heldIntake();
    const url = await serve(h.intake, 1000);
    const first = post(url, 600);
    await waitFor('the first request held', async () => h.held() === 1);
    const second = await post(url, 600);
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('5');
    const small = post(url, 300);
    await waitFor('the small request held', async () => h.held() === 2);
    h.open();
    expect((await first).status).toBe(200);
    expect((await small).status).toBe(200);
    // Had the answered requests kept their bytes (900), 600 more would not fit.
    expect((await post(url, 600)).status).toBe(200);
  });

  it('one request larger than the bound is let in when nothing else is held', async () => {
    const h = heldIntake();
    const url = await serve(h.intake, 100);
    h.open();
    expect((await post(url, 5000)).status).toBe(200);
  });

  it('the count: taken and given back, the first always fits', () => {
    const b = new BytesInFlight(10);
    expect(b.take(50)).toBe(true);
    expect(b.take(1)).toBe(false);
    b.give(50);
    expect(b.take(6)).toBe(true);
    expect(b.take(4)).toBe(true);
    expect(b.take(1)).toBe(false);
    expect(b.bytes).toBe(10);
    // A holder of everything counted may grow past the bound (one SMTP message alone).
    b.give(4);
    expect(b.take(20, 6)).toBe(true);
    expect(b.take(1, 0)).toBe(false);
  });
});
