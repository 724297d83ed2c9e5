// Post.Office (and the Netscape Messaging Server that grew from it):
// "This Message was undeliverable due to the following reason:", a paragraph
// in its own words, then either "The following recipients did not receive
// this message:" with "<a@b>" lines, or, for refusals by a remote server,
// "Recipient: <a@b>" and "Reason: <the answer>" pairs.
import type { Family, FamilyRecipient } from './family.js';
import { gated } from '../view.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { joined, noticeLines, wordingOf, type Wording } from './layout.js';

const START = /^this message was undeliverable due to the following reason:\s*$/im;
const START_GATE = gated(START);

/** Its own paragraphs that state the cause. */
export const OWN_WORDS: readonly Wording[] = [
  {
    re: /destination computer was not found/i,
    reason: 'hostunknown',
    example: 'Your message was not delivered because the destination computer was not found.',
  },
  {
    re: /destination computer was not reachable within the allowed queue period/i,
    reason: 'expired',
    example: 'Your message was not delivered because the destination computer was not reachable within the allowed queue period.',
  },
  { re: /the user\(s\) account is disabled/i, reason: 'suspend', example: 'The user(s) account is disabled.' },
  {
    re: /the user\(s\) account is temporarily over quota/i,
    reason: 'mailboxfull',
    example: 'The user(s) account is temporarily over quota.',
  },
];

export const postOffice: Family = {
  name: 'postoffice',
  detect: (v) => START_GATE.test(v),
  read(v): FamilyRecipient[] {
    const start = START.exec(v.text);
    if (!start) return [];
    const lines = noticeLines(v.text.slice(start.index + start[0].length)).map((l) => l.trim());
    // Its own paragraph: up to the list or the first recipient.
    const ownEnd = lines.findIndex((l) => /^(?:the following recipients did not receive this message:|recipient:\s*<)/i.test(l));
    const own = joined(lines.slice(0, ownEnd < 0 ? lines.length : ownEnd).filter((l) => !/^please reply to /i.test(l)));
    const hint = wordingOf(own, OWN_WORDS);
    const out: FamilyRecipient[] = [];
    let inList = false;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] ?? '';
      if (/^the following recipients did not receive this message:/i.test(l)) {
        inList = true;
        continue;
      }
      const rcpt = /^recipient:\s*<?([^\s<>]+@[^\s<>]+)>?/i.exec(l);
      if (rcpt?.[1]) {
        const reason = /^reason:\s*(.+)$/i.exec(lines[i + 1] ?? '')?.[1] ?? own;
        out.push({ ...withCodes(findAddress(rcpt[1]), reason), action: 'failed' });
        continue;
      }
      const listed = inList ? /^<([^\s<>]+@[^\s<>]+)>$/.exec(l) : null;
      if (listed?.[1] && !out.some((r) => r.address.toLowerCase() === listed[1]!.toLowerCase())) {
        out.push({ ...withCodes(findAddress(listed[1]), own), action: 'failed', ...(hint ? { hint } : {}) });
      } else if (inList && l && !listed) inList = false;
    }
    return out.filter((r) => r.address);
  },
};
