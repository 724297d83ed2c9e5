// Addresses over SMTP, end to end: DSNs for internationalized and quoted
// addresses reach those addresses; DSNs whose recipient text is not one valid
// address change no address at all (never a tail of it) and say so with the mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDsn } from '../helpers/dsn.js';
import { runCli, type RunningDaemon } from '../helpers/daemon.js';
import { metricSample, sendFrom } from '../helpers/smtp-socket.js';
import { startSmtpDaemon, stopSmtpDaemon, type SmtpDaemon } from '../helpers/smtp-daemon.js';
import type { TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

const DOMAIN = 'bounces.test';
let db: TestDb;
let daemon: RunningDaemon;
let smtpPort: number;
let httpPort: number;
let started: SmtpDaemon | undefined;

beforeAll(async () => {
  started = await startSmtpDaemon({ domain: DOMAIN });
  ({ db, daemon, smtpPort, httpPort } = started);
  await daemon.waitForLog(/"msg":"inmail started"/);
});

afterAll(async () => {
  if (started) await stopSmtpDaemon(started);
});

const rows = async () =>
  (
    await db.pool.query<{ address: string; address_key: string; status: string }>(
      'SELECT address, address_key, status FROM address ORDER BY address',
    )
  ).rows;
const send = async (address: string, type = 'rfc822') => {
  const dsn = buildDsn({ recipients: [{ address, status: '5.1.1', diagnostic: '550 5.1.1 user unknown' }] }).replace(
    /rfc822; ?/g,
    `${type}; `,
  );
  const r = await sendFrom(smtpPort, '127.0.0.1', `b@${DOMAIN}`, Buffer.from(dsn, 'utf8'));
  expect(r).toMatch(/^250/);
  return Number(/stored as (\d+)/.exec(r)?.[1]);
};
const rawState = async (id: number) =>
  (await db.pool.query<{ state: string; error: string | null }>('SELECT state, error FROM raw_mail WHERE id = $1', [id])).rows[0];

describe('addresses over SMTP', () => {
  it('quarantines internationalized and quoted addresses, as written, compared in one normal form', async () => {
    await send('josé@exämple.com', 'utf-8');
    await send('用户@例子.广告');
    await send('"john doe"@corp.example');
    const id = await send('JOSÉ@xn--exmple-cua.com', 'utf-8');
    await waitFor('the four mails processed', async () => (await rawState(id))?.state === 'processed');
    await waitFor('three addresses', async () => (await rows()).length === 3);
    expect(await rows()).toEqual([
      { address: '"john doe"@corp.example', address_key: '"john doe"@corp.example', status: 'quarantined' },
      { address: 'josé@exämple.com', address_key: 'josé@exämple.com', status: 'quarantined' },
      { address: '用户@例子.广告', address_key: '用户@例子.广告', status: 'quarantined' },
    ]);
  });

  it('never cuts an odd local part into another address: nothing changes, the mail keeps the problem', async () => {
    const before = await rows();
    const ids = [];
    for (const odd of ['a;drop-table-address;--@corp.example', 'a,b"c@corp.example', 'evil\u202emoc.elpmaxe@corp.example'])
      ids.push(await send(odd));
    for (const id of ids) await waitFor(`mail ${id} done`, async () => (await rawState(id))?.state !== 'pending');
    expect(await rows()).toEqual(before);
    for (const id of ids) expect((await rawState(id))?.error).toMatch(/recipient field holds no valid address/);
    const list = await runCli(['mails', 'list', '--json'], { INMAIL_DATABASE_URL: db.url });
    expect(list.stdout).toContain('a;drop-table-address;--@corp.example');
    const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
    expect(metricSample(text, 'inmail_invalid_recipient_addresses_total')).toBe(3);
  });
});
