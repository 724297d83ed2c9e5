// Real Postfix's delivery log, ingested with `inmail deliveries ingest --format
// postfix`: the address the remote refused at RCPT is quarantined with the
// remote's own text, with no bounce mail anywhere; the refusal after DATA and the
// sender-side one (a DNSBL) quarantine nothing of the kind; the deferral and
// the delivery change nothing.
//
// The first test reads the log captured from Debian's Postfix 3.7 by
// test/mta-capture/postfix/delivery-log.sh (committed); the second runs that
// script now, when this machine can (root, the lab namespace's tools, the
// cached postfix package), and reads the fresh log.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/daemon.js';
import { startIntakeDaemon, type IntakeDaemon } from '../helpers/intake-daemon.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const CAPTURED = join(ROOT, 'fixtures/delivery-logs/postfix-3.7.log');
const SCRIPT = join(ROOT, 'test/mta-capture/postfix/delivery-log.sh');
const REFUSED_TEXT = '550 5.1.1 <unknown-enh@remote.test>: Recipient address rejected: User unknown in virtual mailbox table';

const canRunPostfix =
  process.getuid?.() === 0 &&
  existsSync('/usr/sbin/ip') &&
  existsSync('/var/cache/apt/archives') &&
  readdirSync('/var/cache/apt/archives').some((f) => /^postfix_3\.7.*_amd64\.deb$/.test(f));

let d: IntakeDaemon;

beforeAll(async () => {
  d = await startIntakeDaemon({});
});
afterAll(async () => {
  await d?.stop();
});

async function ingest(file: string): Promise<void> {
  const r = await runCli(['deliveries', 'ingest', '--format', 'postfix', '--json', file], d.env);
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ attempts: expect.any(Number) as number });
  await d.processed('delivery');
}

async function expectRefusedQuarantined(): Promise<void> {
  const a = await d.db.pool.query<{ status: string; reason: string; last_error_text: string }>(
    "SELECT status, reason, last_error_text FROM address WHERE address = 'unknown-enh@remote.test'",
  );
  expect(a.rows[0]).toEqual({ status: 'quarantined', reason: 'userunknown', last_error_text: REFUSED_TEXT });
  const h = await d.db.pool.query<{ by: string }>("SELECT by FROM address_history WHERE address_key = 'unknown-enh@remote.test'");
  expect(h.rows.map((r) => r.by)).toEqual(['delivery-report']);
  // Sender-side (a DNSBL listing): the recipient is not at fault.
  const spamhaus = await d.db.pool.query<{ reason: string; outcome: string }>(
    "SELECT reason, outcome FROM bounce_event WHERE address = 'spamhaus@remote.test'",
  );
  expect(spamhaus.rows[0]).toMatchObject({ reason: 'blocked', outcome: 'ignored' });
  expect(await d.address('email', 'spamhaus@remote.test')).toBeNull();
  // The deferral and the delivery leave no address behind.
  expect(await d.address('email', 'full-452@remote.test')).toBeNull();
  expect(await d.address('email', 'ok@remote.test')).toBeNull();
  // No bounce mail was read: only delivery reports are stored.
  const sources = await d.db.pool.query<{ source: string }>('SELECT DISTINCT source FROM raw_mail');
  expect(sources.rows.map((r) => r.source)).toEqual(['delivery']);
}

describe('Postfix delivery log → quarantine', () => {
  it('the log captured from real Postfix 3.7: the address refused at RCPT is quarantined with the remote text', async () => {
    await ingest(CAPTURED);
    await expectRefusedQuarantined();
    // Read again: the same batches, stored nothing twice.
    const again = await runCli(['deliveries', 'ingest', '--format', 'postfix', '--json', CAPTURED], d.env);
    expect(JSON.parse(again.stdout)).toMatchObject({ stored: 0, duplicates: 1 });
  });

  it.skipIf(!canRunPostfix)(
    'Postfix run now against the scripted remote (needs root and the cached postfix package)',
    async () => {
      await d.db.pool.query('TRUNCATE address, address_history');
      const dir = mkdtempSync(join(tmpdir(), 'inmail-postfix-'));
      try {
        const out = join(dir, 'maillog');
        await promisify(execFile)('sh', [SCRIPT], { env: { ...process.env, OUT: out }, timeout: 120_000 });
        await ingest(out);
        await expectRefusedQuarantined();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
