// `inmail mails show ID`: a stored mail rendered for an operator (mailparser reads
// it whole: encoded words, charsets, attachments), with the events the worker wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeRaw } from '../../src/intake/store-raw.js';
import { processMail } from '../../src/jobs/process-mail.js';
import { buildDsn } from '../helpers/dsn.js';
import { runCli } from '../helpers/daemon.js';
import { workerDeps } from '../helpers/policy.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

let db: TestDb;
let env: Record<string, string>;

beforeAll(async () => {
  db = await createTestDb();
  env = { INMAIL_DATABASE_URL: db.url };
});
afterAll(async () => db?.drop());

/** Stored and processed by the worker's own code, as the daemon would. */
async function receive(body: Buffer): Promise<number> {
  const stored = await storeRaw(db.pool, { source: 'smtp', rcptTo: ['b@bounces.test'], body });
  await processMail(workerDeps(db.pool), stored.id);
  return stored.id;
}

// An auto-reply with an encoded-word subject, a quoted-printable Latin-1 text and a PDF attached.
const autoReply = [
  'From: Jörg <joerg@partner.example>',
  'To: news@sender.example',
  'Subject: =?ISO-8859-1?Q?Abwesenheitsnotiz:_B=FCro_geschlossen?=',
  'Date: Sun, 06 Dec 2026 10:00:00 +0000',
  'Message-ID: <ooo-1@partner.example>',
  'Auto-Submitted: auto-replied',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="xx"',
  '',
  '--xx',
  'Content-Type: text/plain; charset=ISO-8859-1',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Ich bin bis Montag nicht im B=FCro.',
  '--xx',
  'Content-Type: application/pdf; name="plan.pdf"',
  'Content-Disposition: attachment; filename="plan.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('%PDF-1.4 not really a pdf, twelve bytes more').toString('base64'),
  '--xx--',
  '',
].join('\r\n');

interface Shown {
  id: number;
  state: string;
  kind: string | null;
  subject: string | null;
  text: string | null;
  headers: { name: string; value: string }[];
  attachments: { filename: string | null; contentType: string; size: number }[];
  events: { address: string; action: string; status: string; reason: string }[];
}

describe('mails show', () => {
  it('renders a processed bounce with its headers, text, attachments and events (--json and for people)', async () => {
    const dsn = buildDsn({ recipients: [{ address: 'gone@example.com', status: '5.1.1', diagnostic: '550 5.1.1 No such user' }] });
    const stored = { id: await receive(Buffer.from(dsn)) };

    const r = await runCli(['mails', 'show', String(stored.id), '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const shown = JSON.parse(r.stdout) as Shown;
    expect(shown).toMatchObject({ id: stored.id, state: 'processed', kind: 'bounce', subject: 'Undelivered Mail Returned to Sender' });
    expect(shown.headers).toContainEqual({ name: 'auto-submitted', value: 'auto-replied' });
    expect(shown.text).toContain('This is the mail system at host mx1.sender.example.');
    // mailparser reads the delivery-status part as text and lists the returned headers as an attachment.
    expect(shown.text).toMatch(/^Status: 5\.1\.1$/m);
    expect(shown.attachments.map((a) => a.contentType)).toEqual(['text/rfc822-headers']);
    expect(shown.events).toEqual([
      expect.objectContaining({ address: 'gone@example.com', action: 'failed', status: '5.1.1', reason: 'userunknown' }),
    ]);

    const human = await runCli(['mails', 'show', String(stored.id)], env);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^subject: Undelivered Mail Returned to Sender$/m);
    expect(human.stdout).toMatch(/gone@example\.com\s+failed\s+5\.1\.1\s+userunknown/);
  });

  it('decodes what the worker does not need: encoded words, charsets, attachments', async () => {
    const stored = { id: await receive(Buffer.from(autoReply, 'latin1')) };
    const r = await runCli(['mails', 'show', String(stored.id), '--json'], env);
    expect(r.code).toBe(0);
    const shown = JSON.parse(r.stdout) as Shown;
    expect(shown.subject).toBe('Abwesenheitsnotiz: Büro geschlossen');
    expect(shown.text?.trim()).toBe('Ich bin bis Montag nicht im Büro.');
    expect(shown.attachments).toEqual([expect.objectContaining({ filename: 'plan.pdf', contentType: 'application/pdf', size: 44 })]);

    const human = await runCli(['mails', 'show', String(stored.id)], env);
    expect(human.stdout).toMatch(/plan\.pdf\s+application\/pdf\s+44\s+attachment/);
  });

  it('--raw prints the stored bytes; an unknown id is a clear error', async () => {
    const dsn = buildDsn({ recipients: [{ address: 'raw@example.com', status: '5.2.2' }] });
    const stored = await storeRaw(db.pool, { source: 'smtp', rcptTo: ['b@bounces.test'], body: Buffer.from(dsn) });
    const raw = await runCli(['mails', 'show', String(stored.id), '--raw'], env);
    expect(raw.code).toBe(0);
    expect(raw.stdout).toBe(dsn);

    const missing = await runCli(['mails', 'show', '987654321'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no mail with id 987654321/);
  });
});
