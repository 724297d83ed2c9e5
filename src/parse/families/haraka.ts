// Haraka's outbound bounces ("This is the Haraka Mailer program at ..."): one
// "Failure Reason: Error: ..." line for the whole message, then a
// "<a@b>: 550 ..." line for each recipient the remote answered. Its own words
// say which stage failed: "Some recipients failed: <a@b>" lists the refusals
// to RCPT TO; "Too many failures (Tried all MXs)" with no answer quoted means
// no host took the connection until the queue gave up.
import type { Family, FamilyRecipient } from './family.js';
import { findAddresses } from '../address.js';
import { generic } from './generic.js';
import { withCodes } from '../text.js';
import { fixedWords, mentions } from '../view.js';
import { withContinuation } from './layout.js';

const MARKER_WORDS = fixedWords('hi. this is the haraka mailer program at ');

const MARKER = /^hi\. this is the haraka mailer program at /im;

/** Its "Failure Reason:" line, with the lines a relay's wrapping indented under it. */
function failureReason(text: string): string {
  const at = /^failure reason:/im.exec(text);
  if (!at) return '';
  const line = withContinuation(text.slice(at.index).split('\n', 12), 0);
  return line.replace(/^failure reason:\s*(?:error:\s*)?/i, '').trim();
}

export const haraka: Family = {
  name: 'haraka',
  // A Received line starting "(Haraka outbound)" once trimmed: \s is what trim() removes, so no trimmed copy is made.
  detect: (v) =>
    (mentions(v, MARKER_WORDS) && MARKER.test(v.text)) || v.msg.headers.all('received').some((r) => /^\s*\(haraka outbound\)/i.test(r)),
  read(v): FamilyRecipient[] {
    const failure = failureReason(v.text);
    const atRcpt = new Set(/^some recipients failed:/i.test(failure) ? findAddresses(failure).map((a) => a.toLowerCase()) : []);
    const intended = findAddresses(/^intended recipients:\s*(.+)$/im.exec(v.text)?.[1] ?? '');
    const answered = new Map(
      generic
        .read(v)
        .filter((r) => r.replyCode)
        .map((r) => [r.address.toLowerCase(), r]),
    );
    const addresses = intended.length ? intended : [...answered.values()].map((r) => r.address);
    return addresses.map((address): FamilyRecipient => {
      const own = answered.get(address.toLowerCase());
      if (own) return atRcpt.has(address.toLowerCase()) ? { ...own, command: 'RCPT' } : own;
      // No answer quoted for this recipient: Haraka's failure line is all there is.
      const r = withCodes(address, failure);
      return /^too many failures \(tried all mxs\)/i.test(failure) ? { ...r, hint: 'expired' } : r;
    });
  },
};
