// CommuniGate Pro (formerly Stalker): "Failed to deliver to '<a@b>'", then
// which of its modules failed and what it was told: "SMTP module(domain
// example.com) reports: host mx.example.com says: 550 ...", or "LOCAL
// module(account x) reports: account is full (disk quota exceeded)".
import type { Family, FamilyRecipient } from './family.js';
import { gated } from '../view.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { joined, noticeLines, wordingOf, type Wording } from './layout.js';

const START = gated(/^failed to deliver to '[^']+@[^']+'\s*$/im);

const FAILED = /^failed to deliver to '([^']+)'\s*$/i;

/** Its LOCAL module's own verdicts (CommuniGate Pro's account errors). */
export const OWN_WORDS: readonly Wording[] = [
  { re: /^unknown user account\b/i, reason: 'userunknown', example: 'unknown user account' },
  { re: /^account is full\b|disk quota exceeded/i, reason: 'mailboxfull', example: 'account is full (disk quota exceeded)' },
];

export const communigate: Family = {
  name: 'communigate',
  detect: (v) => START.test(v) && /^\s*\w+ module\([^)]*\) reports:/im.test(v.text),
  read(v): FamilyRecipient[] {
    const out: Array<{ address: string; lines: string[] }> = [];
    for (const raw of noticeLines(v.text)) {
      const m = FAILED.exec(raw.trim());
      if (m) {
        out.push({ address: findAddress(m[1] ?? ''), lines: [] });
        continue;
      }
      const l = raw.trim();
      if (l && out.length) out[out.length - 1]!.lines.push(l);
    }
    return out
      .filter((r) => r.address)
      .map(({ address, lines }): FamilyRecipient => {
        const body = lines.filter((l) => !/^\w+ module\([^)]*\) reports:$/i.test(l));
        const says = body.findIndex((l) => /^host \S+ says:$/i.test(l));
        const answer = joined(says >= 0 ? body.slice(says + 1) : body);
        const hint = says >= 0 ? undefined : wordingOf(answer, OWN_WORDS);
        return { ...withCodes(address, answer), action: 'failed', ...(hint ? { hint } : {}) };
      });
  },
};
