// Postfix's own notices (bounce(5) templates): "This is the mail system at
// host x." (older: "This is the Postfix program at host x.", or with the
// site's mail_name, "This is the Foo program at host x."; a site may rename it), then after "The mail system" one paragraph per recipient:
// "<a@b>: host mx[ip] said: 550 5.1.1 ... (in reply to RCPT TO command)",
// continued on lines indented by four spaces; "<a@b> (expanded from <c@d>):
// ..." for an alias. Many Postfix notices also carry a DSN part; this reader
// gives the text's view of it, and reads the notices that have none.
import type { Family, FamilyRecipient } from './family.js';
import { gated } from '../view.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { joined, noticeLines, wordingOf, type Wording } from './layout.js';

const INTRO =
  /^\s*(?:this is the (?:mail system at host|postfix program at host|[\w-]+ postfix program at host|[\w-]+ program at host)\b|the (?:postfix(?: on .+)? program|[\w-]+ postfix program)\s*$|i'm sorry to have to inform you that (?:your message|the message returned\s+below) could not\s+be delivered to one or more)/im;
const INTRO_GATE = gated(INTRO);
const WARNING = /^#\s*this is a warning only\.\s+you do not need to resend your message\./im;
/** bounce(5)'s success template (a DSN's NOTIFY=SUCCESS): the recipients listed were delivered. */
const SUCCESS = /^\s*your message was successfully delivered to the destination\(s\)\s+listed below\./im;
/** "<a@b>: why", "<a@b> (expanded from <c@d>): why". */
const RECIPIENT = /^<([^\s<>]+@[^\s<>]+)>(?:\s+\(expanded from <([^\s<>]+)>\))?:\s*(.*)$/;

/** Postfix's own words when no remote answered (its local(8), smtp(8), trivial-rewrite(8) and cleanup(8) messages). */
export const OWN_WORDS: readonly Wording[] = [
  // smtp(8): the domain has no MX or address record. "Host not found, try again" (TRY_AGAIN) is the resolver
  // failing for now, not an answer: left to the classifier's DNS class (networkerror).
  {
    re: /^host or domain name not found\. name service error for name=\S+ type=\w+: host not found(?!, try again)/i,
    reason: 'hostunknown',
    example: 'Host or domain name not found. Name service error for name=nonexistent.example type=A: Host not found',
  },
  // local(8): no such local user.
  { re: /^unknown user: /i, reason: 'userunknown', example: 'unknown user: "kit"' },
  // local(8): the mailbox file cannot grow ("File too large" is the mailbox_size_limit).
  {
    re: /^cannot (?:update|append to) mailbox .* (?:file too large|disk quota exceeded)/i,
    reason: 'mailboxfull',
    example: 'cannot update mailbox /var/mail/kit for user kit. error writing message: File too large',
  },
  // local(8) and pipe(8): the command a .forward or the transport ran failed. Its sysexits.h class decides as for
  // every MTA (docs/parser-generalisation.md, "Perturbation and transplant over the fixtures"): EX_NOUSER 67 and
  // EX_NOHOST 68 name the recipient's address or host (Postfix's releases that word the number, not sys_exits.c's text).
  { re: /^command died with status 67\b/i, reason: 'userunknown', example: 'Command died with status 67: "/usr/bin/deliver"' },
  { re: /^command died with status 68\b/i, reason: 'hostunknown', example: 'Command died with status 68: "/usr/bin/deliver"' },
  {
    re: /^command (?:died with status \d+|time limit exceeded)\b/i,
    reason: 'mailererror',
    example: 'Command died with status 1: "/usr/bin/procmail"',
  },
  // local(8) and pipe(8): a command's exit status as sys_exits.c words it, the whole answer ("<a@b>: user
  // unknown" for EX_NOUSER 67, 5.1.1; "host name unknown" for EX_NOHOST 68, 5.1.2). No remote said it:
  // without the DSN's status it is still the command's verdict. (EX_TEMPFAIL's "temporary failure" is left
  // to the DSN: a delivery agent's own temporary error, a full disk's, is worded the same.)
  { re: /^user unknown$/i, reason: 'userunknown', example: 'user unknown' },
  { re: /^host name unknown$/i, reason: 'hostunknown', example: 'host name unknown' },
  // cleanup(8): the message exceeds message_size_limit.
  { re: /^message size exceeds fixed limit/i, reason: 'mesgtoobig', example: 'message size exceeds fixed limit' },
];

/** pipe(8)'s and local(8)'s "Command output:" after a command's exit status. */
const COMMAND_OUTPUT = /^command died with status \d+\b.*\bcommand output:\s*\S/i;

export const postfix: Family = {
  name: 'postfix',
  detect: (v) => INTRO_GATE.test(v),
  read(v): FamilyRecipient[] {
    const action = WARNING.test(v.text) ? 'delayed' : SUCCESS.test(v.text) ? 'delivered' : 'failed';
    const lines = noticeLines(v.text);
    const out: FamilyRecipient[] = [];
    let cur: { address: string; origin: string; parts: string[] } | null = null;
    const flush = (): void => {
      if (!cur) return;
      const diagnostic = joined(cur.parts);
      const r: FamilyRecipient = { ...withCodes(cur.address, diagnostic), action, ...(cur.origin ? { origin: cur.origin } : {}) };
      const hint = /\bsaid:/i.test(diagnostic) ? undefined : wordingOf(diagnostic, OWN_WORDS);
      // pipe(8) and local(8) append the program's own output ("Command died with status 1: "procmail".
      // Command output: Quota exceeded ..."): when it names a cause, those words decide, as the reference
      // reads the whole text; the exit status stays the verdict when they say nothing known.
      if (hint === 'mailererror' && COMMAND_OUTPUT.test(diagnostic)) out.push({ ...r, fallback: hint });
      else out.push(hint ? { ...r, hint } : r);
      cur = null;
    };
    for (const l of lines) {
      const m = RECIPIENT.exec(l);
      if (m?.[1]) {
        flush();
        const address = findAddress(m[1]);
        if (address) cur = { address, origin: m[2] ? findAddress(m[2]) : '', parts: [m[3] ?? ''] };
        continue;
      }
      // Continuation lines are indented; anything else ends the paragraph.
      if (cur && /^\s+\S/.test(l)) cur.parts.push(l.trim());
      else flush();
    }
    flush();
    return out;
  },
};
