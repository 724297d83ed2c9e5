// BIGLOBE (biglobe.ne.jp and the cable ISPs on its platform: inacatv, tmtv,
// ttv): "Returned mail:" from postmaster@..., the recipients under
// "----- The following addresses had delivery problems -----" and BIGLOBE's
// own sentence under "----- Non-delivered information -----". Its sentences
// for a full mailbox ("The number of messages in recipient's mailbox exceeded
// the local limit.") and for a refusal by the recipient's settings ("Mail
// Delivery Failed... User unknown") say the cause whatever the rest.
import type { Family, FamilyRecipient } from './family.js';
import { findAddress } from '../address.js';
import { cutAtOriginal, withCodes } from '../text.js';
import { wordingOf, type Wording } from './layout.js';

const FROM = /postmaster@(?:biglobe|inacatv|tmtv|ttv)\.ne\.jp/i;
const LIST = /^\s*-{3,}\s*the following addresses had delivery problems\s*-{3,}\s*$/im;
const INFO = /^\s*-{3,}\s*non-delivered information\s*-{3,}\s*$/im;

/** BIGLOBE's own sentences under "Non-delivered information", which say the cause whatever the rest. */
export const BIGLOBE_WORDS: readonly Wording[] = [
  {
    re: /mailbox exceeded the local limit/i,
    reason: 'mailboxfull',
    example: "The number of messages in recipient's mailbox exceeded the local limit.",
  },
  // Its answer when the recipient's own reception settings refused the sender (Sisimai's Biglobe: filtered).
  { re: /mail delivery failed\.\.\. user unknown/i, reason: 'filtered', example: 'Mail Delivery Failed... User unknown' },
];

export const biglobe: Family = {
  name: 'biglobe',
  detect: (v) => FROM.test(v.msg.headers.get('from') ?? '') && LIST.test(v.text),
  read(v): FamilyRecipient[] {
    const text = cutAtOriginal(v.text);
    const list = LIST.exec(text);
    if (!list) return [];
    const after = text.slice(list.index + list[0].length);
    const info = INFO.exec(after);
    const addresses = (info ? after.slice(0, info.index) : after)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => /^\S+@\S+$/.test(l))
      .map(findAddress)
      .filter(Boolean);
    const diagnostic = info
      ? (after
          .slice(info.index + info[0].length)
          .split(/\n\s*\n/)[0]
          ?.replace(/\s+/g, ' ')
          .trim() ?? '')
      : '';
    const hint = wordingOf(diagnostic, BIGLOBE_WORDS);
    return addresses.map((a) => ({ ...withCodes(a, diagnostic), action: 'failed' as const, ...(hint ? { hint } : {}) }));
  },
};
