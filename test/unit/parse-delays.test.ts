// Delay warnings and final "gave up" notices of many MTAs, each built whole (test/helpers/delay-notices.ts):
// a delayed recipient stays delayed and a final one failed, and the reason follows docs/reasons.md (time
// running out or a failing connection alone is `expired`, a named cause stays). Misses kept on purpose
// assert what the parser reads instead, with the reason.
import { describe, expect, it } from 'vitest';
import { read } from '../helpers/ndr.js';
import { NOTICES } from '../helpers/delay-notices.js';

describe('delay warnings and final expiry notices', () => {
  it('covers many MTAs', () => {
    expect(NOTICES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(NOTICES.map((n) => n.mta)).size).toBeGreaterThanOrEqual(20);
  });

  for (const n of NOTICES) {
    it(`${n.mta}: ${n.name}`, () => {
      const got = read(n.raw).recipients.map((r) => [r.address, r.action, r.reason]);
      expect(got).toEqual(n.kept ? n.kept.reads : n.want);
    });
  }
});
