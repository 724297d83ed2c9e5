// Exim before DSN support sends the same notice without its message/delivery-status part:
// the real Exim 4.96 captures, with that part removed, must read the same from the text alone.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMail } from '../../src/parse/index.js';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'bounces', 'real-exim');

function withoutDsn(name: string): Buffer {
  const s = readFileSync(join(dir, `${name}.eml`), 'latin1');
  return Buffer.from(s.replace(/--(\S+)\nContent-type: message\/delivery-status\n[\s\S]*?(?=--\1)/, ''), 'latin1');
}

const CASES: Array<[string, string, string, string]> = [
  // case, action, reason, type
  ['userunknown-enh', 'failed', 'userunknown', 'hard'],
  ['nxdomain', 'failed', 'hostunknown', 'soft'],
  ['nullmx', 'failed', 'notaccept', 'hard'],
  ['mailboxfull-452-expired', 'failed', 'mailboxfull', 'soft'],
  ['rate-421-expired', 'failed', 'speeding', 'ignored'],
  ['greylist-expired', 'failed', 'expired', 'soft'],
  // 421 4.3.2 at the greeting until Exim gave up: "retry timeout exceeded" says time ran out.
  ['greeting-421-expired', 'failed', 'expired', 'soft'],
  ['refused-expired', 'failed', 'expired', 'soft'],
  // A warning that names no cause: time has not run out yet, nothing is known (onhold).
  ['refused-expired-warning', 'delayed', 'expired', 'soft'],
  // Exim as final destination: its own words under a local address, a pipe or a file an alias named.
  ['local-userunknown', 'failed', 'userunknown', 'hard'],
  ['local-forward-nxdomain', 'failed', 'hostunknown', 'soft'],
  ['local-mailboxfull', 'failed', 'mailboxfull', 'soft'],
  ['local-mailboxfull-warning', 'delayed', 'mailboxfull', 'soft'],
  ['local-pipe-67', 'failed', 'mailererror', 'soft'],
  ['local-pipe-75-expired', 'failed', 'expired', 'soft'],
  ['local-pipe-75-expired-warning', 'delayed', 'mailererror', 'soft'],
  ['local-loop', 'failed', 'systemerror', 'soft'],
];

describe('Exim notice without a DSN part', () => {
  for (const [name, action, reason, type] of CASES) {
    it(`${name}: ${action} ${reason}`, async () => {
      const raw = withoutDsn(name);
      expect(raw.toString('latin1')).not.toMatch(/message\/delivery-status\n/);
      const got = await parseMail(raw);
      expect(got.kind).toBe('bounce');
      expect(got.recipients).toHaveLength(1);
      expect(got.recipients[0]).toMatchObject({ action, reason, type });
    });
  }
});
