// Operator tools on a real database: release by query (the seed's example),
// set/delete with history, CSV import/export that is never half applied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, releaseAddresses } from '../../src/quarantine/operator.js';
import { exportCsv, importCsv } from '../../src/quarantine/transfer.js';
import { historyOf, seedAddresses, statusOf } from '../helpers/addresses.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

let db: TestDb;
const keys = { caseSensitiveLocalPart: false };
const GMAIL =
  "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. Learn more at https://support.google.com/mail/?p=NoSuchUser";
const t = (s: string): Date => new Date(`2026-11-20T${s}:00Z`);

beforeAll(async () => {
  db = await createTestDb();
  await seedAddresses(db.pool, [
    // The incident: Gmail said "no such user" for good addresses between 10:00 and 11:00.
    { address: 'a1@gmail.com', status: 'quarantined', reason: 'userunknown', type: 'hard', lastErrorText: GMAIL, updatedAt: t('10:05') },
    { address: 'a2@gmail.com', status: 'quarantined', reason: 'userunknown', type: 'hard', lastErrorText: GMAIL, updatedAt: t('10:30') },
    {
      address: 'a3@googlemail.com',
      status: 'quarantined',
      reason: 'userunknown',
      type: 'hard',
      lastErrorText: GMAIL,
      updatedAt: t('10:59'),
    },
    // Same text, outside the window.
    {
      address: 'before@gmail.com',
      status: 'quarantined',
      reason: 'userunknown',
      type: 'hard',
      lastErrorText: GMAIL,
      updatedAt: t('09:55'),
    },
    { address: 'after@gmail.com', status: 'quarantined', reason: 'userunknown', type: 'hard', lastErrorText: GMAIL, updatedAt: t('11:10') },
    // In the window, one term only.
    {
      address: 'other@example.com',
      status: 'quarantined',
      reason: 'userunknown',
      type: 'hard',
      lastErrorText: '550-5.1.1 <other@example.com> unknown',
      updatedAt: t('10:20'),
    },
    // In the window and matching, but denylisted: release leaves it unless asked.
    { address: 'deny@gmail.com', status: 'denylisted', reason: 'feedback', type: 'hard', lastErrorText: GMAIL, updatedAt: t('10:40') },
  ]);
});
afterAll(async () => db.drop());

describe('release by query', () => {
  const filter = { texts: ['550-5.1.1', 'support.google.com'], since: t('10:00'), until: t('11:00') };
  const opts = { by: 'operator:alice', note: 'Gmail incident INC-42', now: new Date() };

  it('shows in a dry run what would change and how many, and changes nothing', async () => {
    const dry = await releaseAddresses(db.pool, filter, { ...opts, dryRun: true });
    expect(dry.count).toBe(3);
    expect(dry.addresses.map((a) => a.address).sort()).toEqual(['a1@gmail.com', 'a2@gmail.com', 'a3@googlemail.com']);
    expect(await statusOf(db.pool, 'a1@gmail.com')).toBe('quarantined');
    expect(await historyOf(db.pool, 'a1@gmail.com')).toEqual([]);
  });

  it('releases the same addresses for real, reports the same count and writes history', async () => {
    const real = await releaseAddresses(db.pool, filter, { ...opts, dryRun: false, batchSize: 2 });
    expect(real.count).toBe(3);
    for (const a of ['a1@gmail.com', 'a2@gmail.com', 'a3@googlemail.com']) {
      expect(await statusOf(db.pool, a)).toBe('valid');
      expect(await historyOf(db.pool, a)).toEqual([
        { from_status: 'quarantined', to_status: 'valid', by: 'operator:alice', note: 'Gmail incident INC-42' },
      ]);
    }
    for (const a of ['before@gmail.com', 'after@gmail.com', 'other@example.com']) expect(await statusOf(db.pool, a)).toBe('quarantined');
    expect(await statusOf(db.pool, 'deny@gmail.com')).toBe('denylisted');
  });

  it('finds nothing left to release afterwards', async () => {
    expect((await releaseAddresses(db.pool, filter, { ...opts, dryRun: true })).count).toBe(0);
  });
});

describe('set', () => {
  it('creates an allowlisted address with the operator and note in its history', async () => {
    const [r] = await applyEdits(
      db.pool,
      [
        {
          ref: { channel: 'email', key: 'vip@example.net', address: 'VIP@example.net', domain: 'example.net' },
          edit: { status: 'allowlisted' },
          note: 'CEO',
        },
      ],
      'operator:bob',
      new Date(),
    );
    expect(r).toMatchObject({ changed: true, after: { status: 'allowlisted' } });
    expect(await historyOf(db.pool, 'vip@example.net')).toEqual([
      { from_status: 'valid', to_status: 'allowlisted', by: 'operator:bob', note: 'CEO' },
    ]);
  });
});

describe('CSV import and export', () => {
  const exportAll = async (filter = {}): Promise<string> => {
    let out = '';
    await exportCsv(db.pool, filter, (c) => {
      out += c;
    });
    return out;
  };

  it('reports every bad line and applies nothing, not even the good lines', async () => {
    const csv = [
      'address,channel,status,reason,note',
      'fresh@example.org,email,quarantined,userunknown,from the old system',
      'before@gmail.com,email,valid,,released by hand',
      'not-an-address,email,quarantined,,',
      '+33 6 12 34 56 78,sms,denylisted,feedback,STOP',
      'x@example.org,email,quarantine,,',
      'y@example.org,fax,valid,,',
    ].join('\n');
    const r = await importCsv(db.pool, csv, keys, 'operator:carol', new Date());
    expect(r).toEqual({
      ok: false,
      errors: [
        { line: 4, message: '"not-an-address" is not an email address' },
        { line: 6, message: 'status "quarantine" is not one of valid, erroneous, quarantined, denylisted, allowlisted' },
        { line: 7, message: 'channel "fax" is not one of email, sms, push' },
      ],
    });
    expect(await statusOf(db.pool, 'fresh@example.org')).toBeNull();
    expect(await statusOf(db.pool, 'before@gmail.com')).toBe('quarantined');
  });

  it('applies a good file in one go', async () => {
    const csv = [
      'address,channel,status,reason,note',
      'fresh@example.org,email,quarantined,userunknown,from the old system',
      'before@gmail.com,email,valid,,"released by hand, INC-42"',
      '+33 6 12 34 56 78,sms,denylisted,feedback,STOP',
    ].join('\r\n');
    expect(await importCsv(db.pool, csv, keys, 'operator:carol', new Date())).toEqual({
      ok: true,
      lines: 3,
      changed: 3,
      unchanged: 0,
      changeId: expect.any(Number),
    });
    expect(await statusOf(db.pool, 'fresh@example.org')).toBe('quarantined');
    expect(await statusOf(db.pool, 'before@gmail.com')).toBe('valid');
    expect(await statusOf(db.pool, '+33612345678', 'sms')).toBe('denylisted');
  });

  it('round-trips: an export imported again changes nothing, and exports the same text', async () => {
    const first = await exportAll();
    expect(first.split('\n')[0]).toBe('address,channel,status,reason,note');
    expect(first).toContain('before@gmail.com,email,valid,userunknown,"released by hand, INC-42"\n');
    // A leading + would be read as a formula by a spreadsheet: escaped, and unescaped on import.
    expect(first).toContain("'+33612345678,sms,denylisted,feedback,STOP\n");
    const lines = first.trim().split('\n').length - 1;
    expect(await importCsv(db.pool, first, keys, 'operator:carol', new Date())).toEqual({
      ok: true,
      lines,
      changed: 0,
      unchanged: lines,
      changeId: null,
    });
    expect(await exportAll()).toBe(first);
  });

  it('exports only what the filters match', async () => {
    const out = await exportAll({ statuses: ['denylisted'] });
    expect(
      out
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(["'+33612345678", 'deny@gmail.com']);
  });

  it('recognises a header that names the columns in another order and case, and reads a file without one', async () => {
    const withHeader = 'Status,Note,ADDRESS\ndenylisted,reordered,order@example.org\n';
    expect(await importCsv(db.pool, withHeader, keys, 'operator:carol', new Date())).toMatchObject({ ok: true, lines: 1, changed: 1 });
    expect(await statusOf(db.pool, 'order@example.org')).toBe('denylisted');
    const bare = 'bare@example.org,email,quarantined,userunknown,no header\n';
    expect(await importCsv(db.pool, bare, keys, 'operator:carol', new Date())).toMatchObject({ ok: true, lines: 1, changed: 1 });
    expect(await statusOf(db.pool, 'bare@example.org')).toBe('quarantined');
    const unknown = await importCsv(db.pool, 'address,state\nx@example.org,valid\n', keys, 'operator:carol', new Date());
    expect(unknown).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([
        { line: 1, message: expect.stringContaining('unknown column state') },
        { line: 1, message: 'no status column' },
      ]),
    });
  });

  it('escapes spreadsheet formulas on export, and an import of the export gets the text back', async () => {
    const evil = "=cmd|' /C calc'!A0";
    await importCsv(db.pool, `address,status,note\nformula@example.org,denylisted,"${evil}"\n`, keys, 'operator:carol', new Date());
    const out = await exportAll({ address: 'formula@' });
    expect(out).toBe(`address,channel,status,reason,note\nformula@example.org,email,denylisted,,'${evil}\n`);
    await importCsv(db.pool, 'address,status,note\nformula@example.org,quarantined,\n', keys, 'operator:carol', new Date());
    expect(await importCsv(db.pool, out, keys, 'operator:carol', new Date())).toMatchObject({ ok: true, changed: 1 });
    expect(await exportAll({ address: 'formula@' })).toBe(out);
  });

  it('reads a file as a stream and reports a broken quote with its line', async () => {
    const r = await importCsv(
      db.pool,
      'address,status\nq@example.org,valid\n"broken@example.org,valid\n',
      keys,
      'operator:carol',
      new Date(),
    );
    expect(r).toMatchObject({ ok: false, errors: [{ line: 3 }] });
  });
});
