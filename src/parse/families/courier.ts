// Courier MTA's notices (module.dsn's templates): "This is a delivery status
// notification from host, running the Courier mail server", a banner
// ("UNDELIVERABLE MAIL", "DELAYS IN DELIVERING YOUR MESSAGE"), then for each
// recipient "<a@b>:", the remote host, and the session as Courier logs it:
// ">>> RCPT TO:<a@b>" (its command) and "<<< 550 ..." (the answer). Courier's
// own words replace the session when no host answered (esmtpclient.c).
import type { Family, FamilyRecipient } from './family.js';
import { fixedWords, mentions } from '../view.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { blocksAt, commandWord, joined, noticeLines, wordingOf, type Wording } from './layout.js';

const MARKER_WORDS = fixedWords('running the courier mail server', 'undeliverable mail', 'delays in delivering your message');

const MARKER = /running the courier mail server|^\s*(?:undeliverable mail|delays in delivering your message)\s*$/im;
const RECIPIENT = /^<([^\s<>]+@[^\s<>]+)>:\s*$/;
/** The banner line that closes a section. */
const RULE = /^-{20,}\s*$/;

/** courier/module.esmtp/esmtpclient.c's own failures (no remote reply). */
export const OWN_WORDS: readonly Wording[] = [
  { re: /^no such domain\./i, reason: 'hostunknown', example: 'No such domain.' },
  { re: /^this domain's dns violates rfc 1035\./i, reason: 'systemerror', example: "This domain's DNS violates RFC 1035." },
  { re: /^dns lookup failed\./i, reason: 'networkerror', example: 'DNS lookup failed.' },
];

export const courier: Family = {
  name: 'courier',
  detect: (v) => (mentions(v, MARKER_WORDS) && MARKER.test(v.text)) || /courier mail server at /i.test(v.msg.headers.get('from') ?? ''),
  read(v): FamilyRecipient[] {
    const action = /^\s*delays in delivering your message\s*$/im.test(v.text) ? 'delayed' : 'failed';
    return blocksAt(noticeLines(v.text), RECIPIENT, RULE)
      .map((b): FamilyRecipient => {
        const address = findAddress(b.address);
        const sent = b.lines.filter((l) => l.startsWith('>>>'));
        const answer = joined(b.lines.filter((l) => l.startsWith('<<<')).map((l) => l.slice(3)));
        // Without a session, Courier's own sentence (the line after the host, or the only line).
        const own = joined(b.lines.filter((l) => !l.startsWith('>>>') && !l.startsWith('<<<') && !/^\S+ \[[0-9a-f.:]+\]:$/i.test(l)));
        const diagnostic = answer || own;
        const command = sent.length ? commandWord((sent[sent.length - 1] ?? '').slice(3).trim()) : '';
        const r: FamilyRecipient = { ...withCodes(address, diagnostic), action, ...(command ? { command } : {}) };
        const hint = answer ? undefined : wordingOf(own, OWN_WORDS);
        return hint ? { ...r, hint } : r;
      })
      .filter((r) => r.address);
  },
};
