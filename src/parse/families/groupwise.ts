// Novell GroupWise's Internet Agent (GWIA): "The message that you sent was
// undeliverable to the following:" (later versions: "was not delivered to the
// following recipients:") and each recipient on an indented line
// with GWIA's verdict in parentheses, "a@b (user not found)".
import type { Family, FamilyRecipient } from './family.js';
import { gated } from '../view.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { noticeLines, wordingOf, type Wording } from './layout.js';

const START = /^the message that you sent was (?:undeliverable|not delivered) to the following(?: recipients)?:\s*$/im;
const START_GATE = gated(START);

/** GWIA's verdicts in parentheses. */
export const OWN_WORDS: readonly Wording[] = [
  { re: /^user not found$/i, reason: 'userunknown', example: 'user not found' },
  { re: /^host not found$/i, reason: 'hostunknown', example: 'host not found' },
];

export const groupwise: Family = {
  name: 'groupwise',
  detect: (v) => START_GATE.test(v),
  read(v): FamilyRecipient[] {
    const start = START.exec(v.text);
    if (!start) return [];
    const out: FamilyRecipient[] = [];
    for (const raw of noticeLines(v.text.slice(start.index + start[0].length))) {
      if (!raw.trim()) {
        if (out.length) break;
        continue;
      }
      // GroupWise 5.x lists a local user by name alone ("  jdoe (user not found)"): on the bounce's own domain.
      const m = /^\s+(\S+@\S+)\s*(?:\((.+)\))?\s*$/.exec(raw) ?? /^\s+([a-z0-9][\w.-]*)\s+\((.+)\)\s*$/i.exec(raw);
      if (!m) break;
      const local =
        /@/.test(m[1] ?? '') || !v.from.includes('@') ? '' : `${(m[1] ?? '').toLowerCase()}@${v.from.slice(v.from.indexOf('@') + 1)}`;
      const address = findAddress(local || (m[1] ?? ''));
      const why = (m[2] ?? '').trim();
      const hint = wordingOf(why, OWN_WORDS);
      if (address) out.push({ ...withCodes(address, why), action: 'failed', ...(hint ? { hint } : {}) });
    }
    return out;
  },
};
