// Ipswitch IMail Server ("X-Mailer: <SMTP32 vX>", Subject "Undeliverable
// Mail"): a line "<why>: a@b" per recipient ("Unknown user: a@b"), or
// "undeliverable to a@b", and when a remote answered, the step it answered
// in IMail's words ("Additional RCPT TO generated following response:",
// "DATA command generated response:") with the answer after it; then
// "Original message follows.".
import type { Family, FamilyRecipient } from './family.js';
import type { SmtpCommand } from '../classify.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { joined, noticeLines, wordingOf, type Wording } from './layout.js';

const BACKBONE = /^original message follows\./im;

/** IMail's words for the step the remote answered. */
const STEPS: ReadonlyArray<readonly [RegExp, SmtpCommand]> = [
  [/smtp connection failed,|unexpected connection response from server:/i, 'CONN'],
  [/unexpected response to ehlo\/helo:/i, 'HELO'],
  [/server response to mail from:/i, 'MAIL'],
  // The first recipient's refusal may come without "Additional" (the words IMail writes for each further one).
  [/(?:additional )?rcpt to generated following response:/i, 'RCPT'],
  [/data command generated response:/i, 'DATA'],
];

/** IMail's own verdicts at the head of a recipient's line. */
export const OWN_WORDS: readonly Wording[] = [
  { re: /^unknown host\b/i, reason: 'hostunknown', example: 'Unknown host' },
  { re: /^(?:unknown user|invalid final delivery userid)\b/i, reason: 'userunknown', example: 'Unknown user' },
  { re: /^user mailbox exceeds allowed size\b/i, reason: 'mailboxfull', example: 'User mailbox exceeds allowed size' },
  { re: /^requested action not taken: virus detected/i, reason: 'virusdetected', example: 'Requested action not taken: virus detected' },
  { re: /^delivery failed \d+ attempts/i, reason: 'expired', example: 'Delivery failed 3 attempts' },
];

export const imailServer: Family = {
  name: 'imailserver',
  detect: (v) =>
    /^<smtp32 v/i.test((v.msg.headers.get('x-mailer') ?? '').trim()) ||
    (/^undeliverable mail\s*$/i.test(v.subject) && BACKBONE.test(v.text)),
  read(v): FamilyRecipient[] {
    const lines = noticeLines(v.text, BACKBONE)
      .map((l) => l.trim())
      .filter(Boolean);
    const remote = lines.findIndex((l) => STEPS.some(([re]) => re.test(l)) || /^body of message generated response:/i.test(l));
    const session = remote >= 0 ? joined(lines.slice(remote)) : '';
    const command = STEPS.find(([re]) => re.test(session))?.[1] ?? '';
    const out: FamilyRecipient[] = [];
    for (const l of lines) {
      const own = /^(\S+(?: [^:@]+)?):\s*<?([^\s@<>]+@[^\s@<>]+)>?(?:\s|$)/.exec(l);
      const undeliverable = /^undeliverable to\s+(.+)$/i.exec(l);
      // Its step lines ("Server response to MAIL FROM: <a@b>") name the sender, not a recipient.
      if (STEPS.some(([re]) => re.test(l))) continue;
      const address = findAddress(own?.[2] ?? undeliverable?.[1] ?? '');
      if (!address || v.exclude.includes(address.toLowerCase()) || out.some((r) => r.address === address)) continue;
      const words = own ? (own[1] ?? '') : '';
      const diagnostic = joined([words, session]);
      const hint = wordingOf(words, OWN_WORDS);
      out.push({
        ...withCodes(address, session || words),
        diagnostic,
        ...(command ? { command } : {}),
        action: 'failed',
        ...(hint ? { hint } : {}),
      });
    }
    return out;
  },
};
