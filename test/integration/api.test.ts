// The HTTP API over real HTTP, Postgres and Redis: auth and scopes, every
// operator action the CLI has (same JSON, same validation), the bulk check,
// explain, back-test, mails, the OpenAPI document. Bounces go through the real
// worker code (parse, rules, state machine) so that there is something to explain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeRaw } from '../../src/intake/store-raw.js';
import { processMail, type ProcessDeps } from '../../src/jobs/process-mail.js';
import { createLogger } from '../../src/logger.js';
import { startRules, type RulesRuntime } from '../../src/qualify/runtime.js';
import { startTestApi, type TestApi } from '../helpers/api.js';
import { runCli } from '../helpers/daemon.js';
import { buildDsn } from '../helpers/dsn.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

let db: TestDb;
let api: TestApi;
let prefix: string;
let rules: RulesRuntime;
let deps: ProcessDeps;
let env: Record<string, string>;

const ODD = (who: string, n: number) => `550 5.0.0 <${who}>: zorglub refused by the frobnicator, ticket ${n}`;
const UNKNOWN_USER = (who: string) => `550 5.1.1 <${who}>: Recipient address rejected: User unknown in local recipient table`;

async function bounce(address: string, diagnostic: string, status: string): Promise<number> {
  const body = Buffer.from(buildDsn({ recipients: [{ address, status, diagnostic }] }));
  const stored = await storeRaw(db.pool, { source: 'file', rcptTo: ['b@bounces.test'], body });
  const outcome = await processMail(deps, stored.id);
  expect(outcome.kind).toBe('processed');
  return stored.id;
}

beforeAll(async () => {
  db = await createTestDb();
  prefix = testPrefix();
  env = { INMAIL_DATABASE_URL: db.url, INMAIL_REDIS_URL: REDIS_URL, INMAIL_QUEUE_PREFIX: prefix, INMAIL_LOG_LEVEL: 'silent' };
  api = await startTestApi(db, env);
  const logger = createLogger('silent');
  rules = await startRules({ pool: db.pool, redisUrl: REDIS_URL, prefix, logger, pollSeconds: 0.2, flushSeconds: 0.1 });
  deps = {
    pool: db.pool,
    policy: api.config.policy,
    keys: { caseSensitiveLocalPart: false },
    logger,
    qualify: rules.engine.qualify,
    observe: (events) => rules.log.record(events),
  };
});

afterAll(async () => {
  await api?.close();
  await rules?.stop();
  await db?.drop();
  await dropPrefix(prefix);
});

describe('auth', () => {
  it('leaves only /healthz and /readyz open; no token is 401 as problem+json', async () => {
    expect((await api.call('GET', '/healthz', { token: null })).status).toBe(200);
    expect((await api.call('GET', '/readyz', { token: null })).status).toBe(200);
    for (const path of ['/v1/addresses', '/openapi.json', '/v1/stats', '/v1/tokens']) {
      const r = await api.call('GET', path, { token: null });
      expect(r.status, path).toBe(401);
      expect(r.type).toMatch(/application\/problem\+json/);
      expect(r.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    }
    expect((await api.call('GET', '/v1/addresses', { token: 'inm_not-a-real-token' })).status).toBe(401);
  });

  it('answers 403 to a token without the scope: read cannot write, write cannot administer, intake reads nothing', async () => {
    const put = await api.call('PUT', '/v1/addresses/x@scope.test', { token: api.tokens.read, body: { status: 'denylisted' } });
    expect(put.status).toBe(403);
    expect(put.body.detail).toMatch(/scope write/);
    expect((await api.call('GET', '/v1/tokens', { token: api.tokens.write })).status).toBe(403);
    expect((await api.call('GET', '/v1/addresses', { token: api.tokens.intake })).status).toBe(403);
    expect((await api.call('GET', '/v1/addresses', { token: api.tokens.read })).status).toBe(200);
  });

  it('creates, lists and revokes tokens; a revoked token is refused at once', async () => {
    const made = await api.call('POST', '/v1/tokens', { body: { scope: 'read', name: 'campaigns' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ scope: 'read', name: 'campaigns', token: expect.stringMatching(/^inm_/) });
    expect((await api.call('GET', '/v1/stats', { token: made.body.token })).status).toBe(200);
    const listed = await api.call('GET', '/v1/tokens');
    const row = listed.body.items.find((t: { id: number }) => t.id === made.body.id);
    expect(row).toMatchObject({ scope: 'read', name: 'campaigns', revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(made.body.token);
    expect((await api.call('DELETE', `/v1/tokens/${made.body.id}`)).status).toBe(200);
    expect((await api.call('GET', '/v1/stats', { token: made.body.token })).status).toBe(401);
    expect((await api.call('DELETE', `/v1/tokens/${made.body.id}`)).status).toBe(409);
  });

  it('tokens made by the CLI work on the API', async () => {
    const r = await runCli(['tokens', 'create', '--scope', 'write', '--name', 'ops', '--json'], env);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as { id: number; token: string; scope: string };
    expect(t.scope).toBe('write');
    expect((await api.call('PUT', '/v1/addresses/cli-token@scope.test', { token: t.token, body: { status: 'denylisted' } })).status).toBe(
      200,
    );
    const list = await runCli(['tokens', 'list', '--json'], env);
    expect(list.stdout).toContain('"name":"ops"');
    expect((await runCli(['tokens', 'revoke', String(t.id)], env)).code).toBe(0);
    expect((await api.call('GET', '/v1/stats', { token: t.token })).status).toBe(401);
  });
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with every route, its scope and its schemas', async () => {
    const r = await api.call('GET', '/openapi.json', { token: api.tokens.read });
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    const check = r.body.paths['/v1/addresses/check'].post;
    expect(check['x-scope']).toBe('read');
    expect(check.requestBody.content['application/json'].schema.properties.addresses).toMatchObject({ type: 'array', maxItems: 100000 });
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/addresses',
        '/v1/addresses/{address}',
        '/v1/addresses/{address}/explain',
        '/v1/addresses/release',
        '/v1/addresses/import',
        '/v1/addresses/delete',
        '/v1/changes',
        '/v1/changes/{id}/undo',
        '/v1/rules',
        '/v1/rules/backtest',
        '/v1/rules/{id}',
        '/v1/qualification',
        '/v1/qualification/reapply',
        '/v1/incidents/{id}/confirm',
        '/v1/mails/{id}/raw',
        '/v1/stats',
        '/v1/webhooks',
        '/v1/tokens',
      ]),
    );
    expect(r.body.paths['/v1/addresses'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['status', 'channel', 'reason', 'domain', 'address', 'text', 'since', 'until', 'limit', 'cursor']),
    );
  });
});

describe('addresses', () => {
  it('sets an address and shows it with the same JSON as `quarantine show --json`', async () => {
    const set = await api.call('PUT', '/v1/addresses/Kijitora@Example.jp', {
      token: api.tokens.write,
      body: { status: 'quarantined', reason: 'userunknown', note: 'from the API' },
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      address: 'Kijitora@Example.jp',
      channel: 'email',
      from: 'valid',
      to: 'quarantined',
      reason: 'userunknown',
      changed: true,
    });
    const shown = await api.call('GET', '/v1/addresses/kijitora@example.jp', { token: api.tokens.read });
    expect(shown.status).toBe(200);
    const cli = await runCli(['quarantine', 'show', 'kijitora@example.jp', '--json'], env);
    expect(shown.body).toEqual(JSON.parse(cli.stdout));
    expect(shown.body.history).toEqual([
      expect.objectContaining({
        from: 'valid',
        to: 'quarantined',
        note: 'from the API',
        by: expect.stringMatching(/^operator:token-\d+\(test-write\)$/),
      }),
    ]);
  });

  it('refuses bad input with problem+json naming the field, as the CLI refuses the flag', async () => {
    const badStatus = await api.call('PUT', '/v1/addresses/a@b.test', { body: { status: 'banned' } });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body).toMatchObject({ field: 'status', status: 400 });
    const badReason = await api.call('PUT', '/v1/addresses/a@b.test', { body: { status: 'quarantined', reason: 'nope' } });
    expect(badReason.body).toMatchObject({ field: 'reason', detail: expect.stringMatching(/unknown reason/) });
    const cli = await runCli(['quarantine', 'set', 'a@b.test', '--status', 'quarantined', '--reason', 'nope'], env);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('unknown reason');
    const badAddress = await api.call('PUT', '/v1/addresses/not-an-address', { body: { status: 'denylisted' } });
    expect(badAddress.body).toMatchObject({ status: 400, field: 'address' });
    const badQuery = await api.call('GET', '/v1/addresses?since=yesterday');
    expect(badQuery.body).toMatchObject({ status: 400, field: 'since' });
    const notJson = await fetch(`${api.base}/v1/addresses/a@b.test`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${api.tokens.admin}`, 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect((await api.call('GET', '/v1/addresses/never@seen.test')).status).toBe(404);
  });

  it('lists with filters, page by page with a cursor, never skipping or repeating', async () => {
    const csv = [
      'address,channel,status,reason,note',
      ...Array.from({ length: 25 }, (_, i) => `page${i}@paged.test,email,quarantined,mailboxfull,batch`),
    ].join('\n');
    const imported = await api.call('POST', '/v1/addresses/import', { token: api.tokens.write, body: { csv } });
    expect(imported.body).toEqual({ imported: true, lines: 25, changed: 25, unchanged: 0, change: expect.any(Number) });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q = `/v1/addresses?domain=paged.test&status=quarantined&limit=10${cursor ? `&cursor=${cursor}` : ''}`;
      const r = await api.call('GET', q, { token: api.tokens.read });
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((a: { address: string }) => a.address));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(25);
    const filtered = await api.call('GET', '/v1/addresses?domain=paged.test&address=page1&reason=mailboxfull');
    expect(filtered.body.items.map((a: { address: string }) => a.address).sort()).toEqual(
      ['page1@paged.test', ...Array.from({ length: 10 }, (_, i) => `page1${i}@paged.test`)].sort(),
    );
    expect((await api.call('GET', '/v1/addresses?cursor=garbage')).body).toMatchObject({ status: 400, field: 'cursor' });
  });

  it('exports matching addresses as CSV, the same file as `quarantine export`', async () => {
    const res = await fetch(`${api.base}/v1/addresses/export?domain=paged.test`, {
      headers: { authorization: `Bearer ${api.tokens.read}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const csv = await res.text();
    expect(csv.trim().split('\n')).toHaveLength(26);
    expect(csv).toContain('page7@paged.test,email,quarantined,mailboxfull,batch');
    const cli = await runCli(['quarantine', 'export', '--domain', 'paged.test'], env);
    expect(csv).toBe(cli.stdout);
  });

  it('imports all lines or none, naming the bad lines', async () => {
    const r = await api.call('POST', '/v1/addresses/import', {
      body: { csv: 'address,channel,status,reason,note\nok@imp.test,email,quarantined,,\nbad,email,quarantined,,\n' },
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ field: 'csv', detail: expect.stringMatching(/line 3/) });
    expect((await api.call('GET', '/v1/addresses/ok@imp.test')).status).toBe(404);
  });

  it('bulk check answers only the addresses that must not be mailed, as the caller wrote them', async () => {
    await api.call('PUT', '/v1/addresses/denied@check.test', { body: { status: 'denylisted', reason: 'feedback' } });
    await api.call('PUT', '/v1/addresses/fine@check.test', { body: { status: 'allowlisted' } });
    await api.call('PUT', '/v1/addresses/soft@check.test', { body: { status: 'erroneous', reason: 'mailboxfull' } });
    // Quote and backslash are escaped in the key list sent to Postgres.
    const odd = 'o"d\\d@check.test';
    await api.call('PUT', `/v1/addresses/${encodeURIComponent(odd)}`, { body: { status: 'quarantined', reason: 'userunknown' } });
    const addresses = [
      ...Array.from({ length: 5000 }, (_, i) => `nobody${i}@check.test`),
      'DENIED@check.test',
      'fine@check.test',
      'soft@check.test',
      'page3@paged.test',
      odd,
      'not an address',
      // Never storable (NUL) or not well-formed UTF-16: nothing to block, and no error.
      'nul\u0000@check.test',
      'lone\ud800@check.test',
    ];
    const r = await api.call('POST', '/v1/addresses/check', { token: api.tokens.read, body: { addresses, channel: 'email' } });
    expect(r.status).toBe(200);
    expect(r.body.blocked.sort((a: { address: string }, b: { address: string }) => a.address.localeCompare(b.address))).toEqual([
      { address: 'DENIED@check.test', channel: 'email', status: 'denylisted', reason: 'feedback' },
      { address: odd, channel: 'email', status: 'quarantined', reason: 'userunknown' },
      { address: 'page3@paged.test', channel: 'email', status: 'quarantined', reason: 'mailboxfull' },
    ]);
    const tooMany = await api.call('POST', '/v1/addresses/check', {
      body: { addresses: Array.from({ length: 100_001 }, (_, i) => `x${i}@big.test`) },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.field).toBe('addresses');
  });

  it('releases with a dry run that counts what the real run then releases', async () => {
    const dry = await api.call('POST', '/v1/addresses/release', { token: api.tokens.write, body: { domain: 'paged.test', dryRun: true } });
    expect(dry.body).toMatchObject({ dryRun: true, count: 25 });
    expect((await api.call('GET', '/v1/addresses/page0@paged.test')).body.status).toBe('quarantined');
    const real = await api.call('POST', '/v1/addresses/release', {
      token: api.tokens.write,
      body: { domain: 'paged.test', note: 'ISP outage' },
    });
    expect(real.body).toMatchObject({ dryRun: false, count: 25 });
    expect((await api.call('GET', '/v1/addresses/page0@paged.test')).body.status).toBe('valid');
    const refused = await api.call('POST', '/v1/addresses/release', { body: { status: ['allowlisted'] } });
    expect(refused.body).toMatchObject({ status: 400, field: 'status' });
  });

  it('undoes the bulk release as the CLI does: once, then 409; an unknown change is 404', async () => {
    const changes = await api.call('GET', '/v1/changes?limit=5', { token: api.tokens.read });
    const release = changes.body.items.find((c: { kind: string }) => c.kind === 'release');
    expect(release).toMatchObject({ kind: 'release', addresses: 25, undoneBy: null, note: 'ISP outage' });
    expect((await api.call('POST', `/v1/changes/${release.id}/undo`, { token: api.tokens.read })).status).toBe(403);
    const undone = await api.call('POST', `/v1/changes/${release.id}/undo`, { token: api.tokens.write });
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ changeId: release.id, restored: 25, skipped: [], undoId: expect.any(Number) });
    expect((await api.call('GET', '/v1/addresses/page0@paged.test')).body.status).toBe('quarantined');
    const again = await api.call('POST', `/v1/changes/${release.id}/undo`, { token: api.tokens.write });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already undone by change/);
    const cli = await runCli(['quarantine', 'undo', String(release.id)], env);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(again.body.detail);
    expect((await api.call('POST', '/v1/changes/999999/undo')).status).toBe(404);
    expect((await api.call('POST', '/v1/changes/abc/undo')).body).toMatchObject({ status: 400, field: 'id' });
  });

  it('deletes by filter as one undoable change; no filter needs all, naming the field as the CLI names --all', async () => {
    const bare = await api.call('POST', '/v1/addresses/delete', { token: api.tokens.write, body: { dryRun: true } });
    expect(bare.body).toMatchObject({ status: 400, field: 'all' });
    const cli = await runCli(['quarantine', 'delete', '--dry-run'], env);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(`--all: ${bare.body.detail.replace(/^all: /, '')}`);
    const dry = await api.call('POST', '/v1/addresses/delete', { body: { domain: 'paged.test', address: 'page2@', dryRun: true } });
    expect(dry.body).toMatchObject({ dryRun: true, count: 1, change: null });
    const real = await api.call('POST', '/v1/addresses/delete', { body: { domain: 'paged.test', address: 'page2@', note: 'gone' } });
    expect(real.body).toMatchObject({ dryRun: false, count: 1, change: expect.any(Number) });
    expect((await api.call('GET', '/v1/addresses/page2@paged.test')).status).toBe(404);
    expect((await api.call('POST', `/v1/changes/${real.body.change}/undo`)).body).toMatchObject({ restored: 1 });
    expect((await api.call('GET', '/v1/addresses/page2@paged.test')).body.status).toBe('quarantined');
  });

  it('deletes an address; its history stays and explain says it was deleted', async () => {
    const del = await api.call('DELETE', '/v1/addresses/kijitora@example.jp?note=asked%20by%20owner', { token: api.tokens.write });
    expect(del.body).toEqual({ address: 'Kijitora@Example.jp', channel: 'email', status: 'quarantined', deleted: true });
    expect((await api.call('GET', '/v1/addresses/kijitora@example.jp')).status).toBe(404);
    const explained = await api.call('GET', '/v1/addresses/kijitora@example.jp/explain');
    expect(explained.status).toBe(200);
    expect(explained.body).toMatchObject({ deleted: true, address: null, decidedBy: { to: 'deleted', note: 'asked by owner' } });
    expect(explained.body.history.map((h: { to: string }) => h.to)).toEqual(['quarantined', 'deleted']);
  });
});

describe('explain, mails, rules, qualification', () => {
  let mailId: number;

  it('explains a bounce: the raw mail, what the parser read, what decided, the history', async () => {
    mailId = await bounce('tama@neko.example', UNKNOWN_USER('tama@neko.example'), '5.1.1');
    const r = await api.call('GET', '/v1/addresses/tama@neko.example/explain', { token: api.tokens.read });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      deleted: false,
      address: { status: 'quarantined', reason: 'userunknown' },
      decidedBy: { by: 'bounce', from: 'valid', to: 'quarantined' },
      event: { status: '5.1.1', diagnostic: expect.stringContaining('User unknown'), outcome: 'applied' },
      decision: { reason: 'userunknown', type: 'hard', normalizedText: expect.any(String) },
      mail: { id: mailId, raw: `/v1/mails/${mailId}/raw` },
    });
    const cli = await runCli(['quarantine', 'explain', 'tama@neko.example', '--json'], env);
    expect(JSON.parse(cli.stdout)).toEqual(r.body);
  });

  it('shows a mail: headers, parts, the parse result, its events, and the raw bytes as message/rfc822', async () => {
    const list = await api.call('GET', '/v1/mails?limit=5', { token: api.tokens.read });
    expect(list.body.items.map((m: { id: number }) => m.id)).toContain(mailId);
    const m = await api.call('GET', `/v1/mails/${mailId}`);
    expect(m.body.headers).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'content-type', value: expect.stringMatching(/multipart\/report/) })]),
    );
    expect(m.body.parts.map((p: { contentType: string }) => p.contentType)).toContain('message/delivery-status');
    expect(m.body.parse).toMatchObject({ kind: 'bounce' });
    expect(m.body.events).toEqual([expect.objectContaining({ address: 'tama@neko.example', reason: 'userunknown' })]);
    const raw = await fetch(`${api.base}/v1/mails/${mailId}/raw`, { headers: { authorization: `Bearer ${api.tokens.read}` } });
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    const stored = await db.pool.query<{ body: Buffer }>('SELECT body FROM raw_mail WHERE id = $1', [mailId]);
    expect(Buffer.from(await raw.arrayBuffer()).equals(stored.rows[0]?.body ?? Buffer.alloc(0))).toBe(true);
    expect((await api.call('GET', '/v1/mails/999999')).status).toBe(404);
  });

  it('replays stored mails (dry run lists them)', async () => {
    const dry = await api.call('POST', '/v1/mails/replay', { token: api.tokens.write, body: { state: 'pending', dryRun: true } });
    expect(dry.body).toEqual({ dryRun: true, matched: 0, enqueued: 0, ids: [] });
    const stored = await storeRaw(db.pool, {
      source: 'file',
      rcptTo: ['b@bounces.test'],
      body: Buffer.from(buildDsn({ recipients: [{ address: 'r@replay.test', status: '5.1.1' }] })),
    });
    const real = await api.call('POST', '/v1/mails/replay', { token: api.tokens.write, body: { state: 'pending', ids: [stored.id] } });
    expect(real.body).toEqual({ dryRun: false, matched: 1, enqueued: 1, ids: [stored.id] });
    expect((await api.call('POST', '/v1/mails/replay', { token: api.tokens.read, body: {} })).status).toBe(403);
  });

  it('back-tests a candidate rule on stored events without saving it', async () => {
    for (const [i, who] of ['a@zorg.example', 'b@zorg.example', 'c@other.example'].entries()) await bounce(who, ODD(who, 100 + i), '5.0.0');
    const before = (await api.call('GET', '/v1/rules?origin=user')).body.rules.length;
    const candidate = {
      match: { text: 'refused by the frobnicator' },
      result: { reason: 'userunknown', type: 'hard' },
      example: '550 5.0.0 <x@y.example>: zorglub refused by the frobnicator, ticket 1',
    };
    const r = await api.call('POST', '/v1/rules/backtest', { token: api.tokens.read, body: { rule: candidate, days: 7 } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      days: 7,
      eventsMatched: 3,
      eventsChanged: 3,
      addressesChanged: 3,
      byDomain: { 'zorg.example': 2, 'other.example': 1 },
    });
    expect(r.body.examples[0]).toMatchObject({ to: { reason: 'userunknown', type: 'hard' }, addressStatus: { to: 'quarantined' } });
    expect((await api.call('GET', '/v1/rules?origin=user')).body.rules.length).toBe(before);
    expect((await api.call('GET', '/v1/addresses/a@zorg.example')).body.status).not.toBe('quarantined');
    const cli = await runCli(
      [
        'rules',
        'add',
        '--text',
        'refused by the frobnicator',
        '--reason',
        'userunknown',
        '--type',
        'hard',
        '--example',
        candidate.example,
        '--dry-run',
        '--days',
        '7',
        '--json',
      ],
      env,
    );
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ dryRun: true, eventsMatched: 3, addressesChanged: 3 });
  });

  it('adds, tests, edits, disables, enables and deletes a rule; a shipped rule cannot be edited', async () => {
    const body = { match: { text: 'frobnicator' }, result: { reason: 'filtered' }, example: 'the frobnicator says no' };
    expect((await api.call('POST', '/v1/rules', { token: api.tokens.write, body })).status).toBe(403);
    const added = await api.call('POST', '/v1/rules', { token: api.tokens.admin, body });
    expect(added.status).toBe(201);
    const id = added.body.id as string;
    expect(id).toMatch(/^u\d+$/);
    const tested = await api.call('POST', '/v1/rules/test', { token: api.tokens.read, body: { text: '550 the frobnicator says no' } });
    expect(tested.body).toMatchObject({ ruleId: id, reason: 'filtered', step: 'user' });
    const bad = await api.call('POST', '/v1/rules', { body: { ...body, example: 'does not match' } });
    expect(bad.body).toMatchObject({ status: 400, detail: expect.stringMatching(/example does not match/) });
    const edited = await api.call('PUT', `/v1/rules/${id}`, { body: { ...body, result: { reason: 'blocked' } } });
    expect(edited.body).toMatchObject({ id, result: { reason: 'blocked' } });
    expect((await api.call('POST', `/v1/rules/${id}/disable`)).body).toEqual({ id, enabled: false });
    const listed = (await api.call('GET', '/v1/rules?origin=user')).body.rules.find((r: { id: string }) => r.id === id);
    expect(listed).toMatchObject({ enabled: false, hits: 0, origin: 'user' });
    expect((await api.call('POST', `/v1/rules/${id}/enable`)).body).toEqual({ id, enabled: true });
    const shipped = (await api.call('GET', '/v1/rules?origin=shipped')).body.rules[0].id as string;
    expect((await api.call('PUT', `/v1/rules/${shipped}`, { body })).status).toBe(409);
    const exported = await api.call('GET', '/v1/rules/export', { token: api.tokens.read });
    expect(exported.body.rules).toEqual([expect.objectContaining({ id, key: expect.any(String), match: { text: 'frobnicator' } })]);
    const broken = await api.call('POST', '/v1/rules/import', {
      body: { rules: [...exported.body.rules, { ...body, match: { text: 'other' }, example: 'no match' }] },
    });
    expect(broken.body).toMatchObject({ status: 400, field: 'rules', detail: expect.stringMatching(/rule #2: .*example/) });
    expect((await api.call('GET', '/v1/rules/export')).body.rules).toHaveLength(1);
    // Matched by key, as `rules import`: the export back into its own installation changes nothing.
    const again = await api.call('POST', '/v1/rules/import', { body: { rules: exported.body.rules } });
    expect(again.body).toEqual({ imported: true, added: 0, updated: 0, unchanged: 1, ids: [id] });
    const other = await api.call('POST', '/v1/rules/import', {
      body: { rules: [{ ...body, match: { text: 'gizmo' }, example: 'the gizmo says no' }] },
    });
    expect(other.body).toMatchObject({ added: 1, updated: 0, unchanged: 0 });
    expect((await api.call('DELETE', `/v1/rules/${other.body.ids[0]}`)).status).toBe(200);
    expect((await api.call('DELETE', `/v1/rules/${id}`)).body).toEqual({ id, deleted: true });
    expect((await api.call('DELETE', `/v1/rules/${id}`)).status).toBe(404);
  });

  it('lists texts to qualify, keeps one with a reason, and reapplies it (dry run first)', async () => {
    await waitFor('the qualification log flush', async () => {
      const r = await api.call('GET', '/v1/qualification?status=to-qualify');
      return r.body.items.some((q: { firstText: string }) => q.firstText.includes('frobnicator'));
    });
    const list = await api.call('GET', '/v1/qualification?status=to-qualify', { token: api.tokens.read });
    const text = list.body.items.find((q: { firstText: string }) => q.firstText.includes('frobnicator'));
    expect(text.occurrences).toBe(3);
    const badReason = await api.call('POST', `/v1/qualification/${text.id}`, {
      token: api.tokens.write,
      body: { status: 'keep', reason: 'nope' },
    });
    expect(badReason.body).toMatchObject({ status: 400, field: 'reason' });
    expect((await api.call('POST', `/v1/qualification/${text.id}`, { token: api.tokens.read, body: { status: 'ignore' } })).status).toBe(
      403,
    );
    const kept = await api.call('POST', `/v1/qualification/${text.id}`, {
      token: api.tokens.write,
      body: { status: 'keep', reason: 'userunknown', type: 'hard' },
    });
    expect(kept.body).toMatchObject({
      id: text.id,
      status: 'keep',
      reason: 'userunknown',
      type: 'hard',
      qualifiedBy: expect.stringMatching(/^operator:token-/),
    });
    const dry = await api.call('POST', '/v1/qualification/reapply', { token: api.tokens.write, body: { dryRun: true } });
    expect(dry.body).toMatchObject({ dryRun: true, texts: 1 });
    expect(dry.body.changed).toHaveLength(3);
    expect((await api.call('GET', '/v1/addresses/a@zorg.example')).body.status).not.toBe('quarantined');
    const real = await api.call('POST', '/v1/qualification/reapply', { token: api.tokens.write, body: {} });
    expect(real.body.changed).toHaveLength(3);
    expect((await api.call('GET', '/v1/addresses/a@zorg.example')).body.status).toBe('quarantined');
    const refreshed = await api.call('POST', '/v1/qualification/refresh', { token: api.tokens.write });
    expect(refreshed.body.made).toEqual([{ qualificationId: text.id, ruleId: expect.stringMatching(/^u\d+$/) }]);
    const rule = (await api.call('GET', '/v1/rules?origin=user')).body.rules.find(
      (r: { id: string }) => r.id === refreshed.body.made[0].ruleId,
    );
    expect(rule).toMatchObject({ result: { reason: 'userunknown', type: 'hard' }, match: { normalized: text.normalizedText } });
  });

  it('incidents: list, 404 for an unknown one', async () => {
    expect((await api.call('GET', '/v1/incidents')).body).toEqual({ items: [] });
    expect((await api.call('GET', '/v1/incidents/999')).status).toBe(404);
    expect((await api.call('POST', '/v1/incidents/999/confirm', { token: api.tokens.write, body: {} })).status).toBe(404);
  });

  it('stats: the JSON of `inmail stats --json`', async () => {
    const r = await api.call('GET', '/v1/stats', { token: api.tokens.read });
    const cli = await runCli(['stats', '--json'], env);
    expect(r.body).toEqual(JSON.parse(cli.stdout));
    expect(r.body.addresses.quarantined).toBeGreaterThan(0);
  });
});
