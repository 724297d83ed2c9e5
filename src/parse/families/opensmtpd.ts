// OpenSMTPD's notices (smtpd/bounce.c): "This is the MAILER-DAEMON, please DO
// NOT REPLY to this e-mail.", then after "the following list of recipients:"
// one line per recipient, "a@b: <why>", the why being the remote's answer or
// OpenSMTPD's own words (smtpd/mta.c, queue.c), up to "Below is a copy of the
// original message:". A warning ("A message is delayed for more than ...")
// lists the delayed recipients the same way.
import type { Family, FamilyRecipient } from './family.js';
import { fixedWords, gated, mentions } from '../view.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { noticeLines, withContinuation, wordingOf, type Wording } from './layout.js';

const MARKER_WORDS = fixedWords('this is the mailer-daemon, please do not reply to this e');

const MARKER = /^\s*this is the mailer-daemon, please do not reply to this e-?mail\./im;
const BACKBONE = /^\s*below is a copy of the original message:/im;
const BACKBONE_GATE = gated(BACKBONE);
const WARNING = /^\s*a message is delayed for more than .* for the following/im;
/** bounce.c's notices of a DSN's NOTIFY=SUCCESS: the recipients listed were delivered, or relayed onwards. */
const SUCCESS = /^\s*your message was (?:successfully delivered|relayed) to these recipients\./im;
const LINE = /^\s*([^\s@:]+@[^\s:]+?):?\s+(\S.*)$/;
/** A success notice's line names the recipient alone ("a@b: "). */
const BARE = /^\s*([^\s@:]+@[^\s:]+?):\s*()$/;

/**
 * OpenSMTPD's own words (no remote answer): smtpd/mta.c's relay failures and queue.c's expiry.
 * "No MX found for domain" is left to the classifier: a real OpenSMTPD writes it for a null-MX
 * domain (test/mta-capture), which is no network error.
 */
export const OWN_WORDS: readonly Wording[] = [
  { re: /^envelope expired\b/i, reason: 'expired', example: 'Envelope expired' },
  { re: /^(?:invalid domain name|domain does not exist)\b/i, reason: 'hostunknown', example: 'Domain does not exist' },
  { re: /^destination seem to reject all mails\b/i, reason: 'notaccept', example: 'Destination seem to reject all mails' },
  {
    re: /^(?:address family mismatch on destination mxs|all routes to destination blocked|bad dns lookup error code|could not retrieve source address|loop detected|network error on destination mxs|no valid route to (?:remote mx|destination)|temporary failure in mx lookup)\b/i,
    reason: 'networkerror',
    example: 'Network error on destination MXs',
  },
  { re: /^could not retrieve credentials\b/i, reason: 'securityerror', example: 'Could not retrieve credentials' },
];

export const opensmtpd: Family = {
  name: 'opensmtpd',
  detect: (v) =>
    (mentions(v, MARKER_WORDS) && MARKER.test(v.text)) ||
    (BACKBONE_GATE.test(v) && v.msg.headers.all('received').some((r) => / \(opensmtpd\) with /i.test(r))),
  read(v): FamilyRecipient[] {
    const lines = noticeLines(v.text, BACKBONE);
    const action = WARNING.test(v.text) ? 'delayed' : SUCCESS.test(v.text) ? 'delivered' : 'failed';
    const out: FamilyRecipient[] = [];
    for (let i = 0; i < lines.length; i++) {
      // A long answer wrapped onto indented lines is still this recipient's one line.
      const l = withContinuation(lines, i);
      const m = LINE.exec(l) ?? (action === 'delivered' ? BARE.exec(l) : null);
      if (!m?.[1] || /^\s*(?:hi!|this is the mailer-daemon)/i.test(l)) continue;
      const address = findAddress(m[1]);
      if (!address || address.toLowerCase() === v.from) continue;
      // A success notice's bare line: its sentence says what became of the message.
      const said = (m[2] ?? '').trim() || (action === 'delivered' ? (SUCCESS.exec(v.text)?.[0].trim() ?? '') : '');
      const r: FamilyRecipient = { ...withCodes(address, said), action };
      const hint = wordingOf(said, OWN_WORDS);
      out.push(hint ? { ...r, hint } : r);
    }
    return out;
  },
};
