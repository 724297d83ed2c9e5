// Apache James's notices. Its notify and bounce mailets (AbstractNotify,
// Bounce) write "Error message below:" then the remote's answer, then
// "Message details:" listing "  RCPT TO: a@b" for each recipient; its
// DSNBounce mailet writes "Failed recipient(s):" with the addresses under it
// and "Error message:" with the answer, beside a DSN part.
import type { Family, FamilyRecipient } from './family.js';
import { fixedWords, mentions } from '../view.js';
import { findAddresses } from '../address.js';
import { withCodes } from '../text.js';
import { wordingOf, type Wording } from './layout.js';

// The lower-cased words before the case-sensitive search.
const NOTICE_WORDS = fixedWords('error message below:');
const DSN_BOUNCE_WORDS = fixedWords('failed recipient(s):');

const NOTIFY = /error message below:\s*([\s\S]*?)\n\s*message details:/i;
const DSN_BOUNCE = /^failed recipient\(s\):\s*$/im;

/**
 * RemoteDelivery's own failures, with no remote answer (DSNBounce gives the first 5.1.2, a bad
 * destination system, and the second 4.4.1, no answer from the host).
 */
export const OWN_WORDS: readonly Wording[] = [
  {
    re: /there are no dns entries for the hostname/i,
    reason: 'hostunknown',
    example: 'There are no DNS entries for the hostname nohost.example.  I cannot determine where to send this message.',
  },
  { re: /no mail server\(s\) available at this time/i, reason: 'networkerror', example: 'No mail server(s) available at this time.' },
];

function recipient(address: string, diagnostic: string): FamilyRecipient {
  const hint = wordingOf(diagnostic, OWN_WORDS);
  return { ...withCodes(address, diagnostic), ...(hint ? { hint } : {}) };
}

export const james: Family = {
  name: 'apachejames',
  // Both layouts print an error for a message it could not deliver: a bounce whatever its sender and subject
  // (James's notices come from postmaster@ and may keep the original's "Re:" subject), whatever the error's words.
  selfEvident: true,
  detect: (v) =>
    (mentions(v, NOTICE_WORDS) && v.text.includes('Error message below:') && v.text.includes('Message details:')) ||
    (mentions(v, DSN_BOUNCE_WORDS) && DSN_BOUNCE.test(v.text) && /^error message:\s*$/im.test(v.text)),
  read(v): FamilyRecipient[] {
    const notify = NOTIFY.exec(v.text);
    if (notify) {
      const diag = notify[1]?.replace(/\s+/g, ' ').trim() ?? '';
      const details = v.text.slice(notify.index + notify[0].length);
      // "RCPT TO:" lines only: the "To:" line is the original's header, not the envelope.
      const rcpt = details
        .split(/\r?\n/)
        .filter((l) => /^\s*rcpt to:/i.test(l))
        .flatMap((l) => findAddresses(l));
      return rcpt.map((a) => recipient(a, diag));
    }
    const list = DSN_BOUNCE.exec(v.text);
    if (!list) return [];
    const rest = v.text.slice(list.index + list[0].length);
    const addresses = findAddresses(/^([\s\S]*?)(?:\n\s*\n|^error message:)/im.exec(rest)?.[1] ?? '');
    const diag = /^error message:\s*\n([\s\S]*?)(?:\n\s*\n|$)/im.exec(rest)?.[1]?.replace(/\s+/g, ' ').trim() ?? '';
    return addresses.map((a) => recipient(a, diag));
  },
};
