// au by KDDI's notices from its older mail service (dion.ne.jp, auone-net.jp):
// "Your mail sent on: <date>" (or "attempted to be delivered on:"), then
// indented "Could not be delivered to: <a@b>" and one fixed reason sentence,
// which alone says why. "X-SPASIGN: NG" marks a refusal by au's spam filter.
import type { Reason } from '../../domain/reasons.js';
import type { Family, FamilyRecipient } from './family.js';
import { fixedWords, mentions } from '../view.js';
import { findAddress } from '../address.js';
import { cutAtOriginal, withCodes } from '../text.js';

const MARKER_WORDS = fixedWords('your mail sent on', 'your mail attempted to be delivered on');

const START = /^your mail (?:sent on|attempted to be delivered on):? /im;

/** KDDI's fixed sentences. */
const SENTENCES: ReadonlyArray<readonly [RegExp, Reason]> = [
  [/as their mailbox is full/i, 'mailboxfull'],
  [/due to the following smtp relay error/i, 'norelaying'],
  [/as the remote domain doesn'?t exist/i, 'hostunknown'],
];

export const kddi: Family = {
  name: 'kddi',
  detect: (v) => mentions(v, MARKER_WORDS) && START.test(v.text) && /could not be delivered to:/i.test(v.text),
  read(v): FamilyRecipient[] {
    const out: Array<{ address: string; lines: string[] }> = [];
    let open = false;
    for (const raw of cutAtOriginal(v.text).split(/\r?\n/)) {
      const to = /^\s*could not be delivered to:\s*(.+)$/i.exec(raw);
      if (to) {
        out.push({ address: findAddress(to[1] ?? ''), lines: [] });
        open = true;
        continue;
      }
      // A recipient's lines end at the blank line after them (a returned header's folded lines may follow).
      if (!raw.trim()) open = false;
      const cur = out[out.length - 1];
      if (cur && open && /^\s+\S/.test(raw)) cur.lines.push(raw.trim());
    }
    const filtered = /^\s*ng\b/i.test(v.msg.headers.get('x-spasign') ?? '');
    return out
      .filter((r) => r.address)
      .map((r) => {
        const diagnostic = r.lines.join(' ');
        const hint = filtered ? 'filtered' : (SENTENCES.find(([re]) => re.test(diagnostic))?.[1] ?? null);
        return { ...withCodes(r.address, diagnostic), hint, action: 'failed' as const };
      });
  },
};
