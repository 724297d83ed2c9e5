// Sendmail V5 (and the old sendmails that kept its savemail.c layout):
// "----- Transcript of session follows -----" with no list of failed
// addresses before it; in the transcript, ">>> RCPT To:<a@b>" (the command),
// "<<< 550 ..." (the remote's answer) and sendmail's own line for each failed
// recipient, "550 <a@b>... User unknown"; then "----- Unsent message follows
// -----" (or "No message was collected"). A deferral is a line of its own:
// "421 host (smtp)... Deferred: Connection timed out ...".
import type { Family, FamilyRecipient } from './family.js';
import { fixedWords, mentions } from '../view.js';
import type { SmtpCommand } from '../classify.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { commandWord, joined, noticeLines } from './layout.js';
import { returnedHeaders } from '../original.js';

const TRANSCRIPT_WORDS = fixedWords('transcript of session follows');

const TRANSCRIPT = /^\s*-{3,}\s*transcript of session follows\s*-{3,}\s*$/im;
const UNSENT = /^\s*-{3,}\s*(?:unsent message follows|no message was collected)\s*-{3,}\s*$/im;
const LIST = /^\s*-{3,}\s*the following addresses had/im;
/** Sendmail's own line for a recipient: "550 <a@b>... User unknown". */
const OWN_LINE = /^(\d{3})\s+<?([^\s<>]+@[^\s<>]+?)>?\.\.\.\s*(.*)$/;
/** Its line for a host: "421 example.org (smtp)... Deferred: Connection timed out during user open with example.org". */
const HOST_LINE = /^\d{3}\s+\S+\s+\(\w+\)\.\.\.\s*(.+)$/;

export const v5sendmail: Family = {
  name: 'v5sendmail',
  detect: (v) => mentions(v, TRANSCRIPT_WORDS) && TRANSCRIPT.test(v.text) && UNSENT.test(v.text) && !LIST.test(v.text),
  read(v): FamilyRecipient[] {
    const start = TRANSCRIPT.exec(v.text);
    if (!start) return [];
    const lines = noticeLines(v.text.slice(start.index + start[0].length), UNSENT)
      .map((l) => l.trim())
      .filter(Boolean);
    const out: FamilyRecipient[] = [];
    let command: SmtpCommand = '';
    let answer = '';
    let hostError = '';
    for (const l of lines) {
      if (l.startsWith('>>>')) {
        command = commandWord(l.slice(3).trim());
        answer = '';
        continue;
      }
      if (l.startsWith('<<<')) {
        answer = joined([answer, l.slice(3)]);
        continue;
      }
      const own = OWN_LINE.exec(l);
      if (own?.[2]) {
        const address = findAddress(own[2]);
        if (!address || out.some((r) => r.address.toLowerCase() === address.toLowerCase())) continue;
        // The remote's answer carries the codes; sendmail's words ("User unknown") come first, as it writes them.
        const diagnostic = answer ? `${(own[3] ?? '').trim()}: ${answer}` : joined([own[1] ?? '', own[3] ?? '']);
        out.push({ ...withCodes(address, answer || `${own[1]} ${own[3] ?? ''}`), diagnostic, command, action: 'failed' });
        answer = '';
        continue;
      }
      const host = HOST_LINE.exec(l);
      if (host?.[1]) hostError ||= host[1];
    }
    if (!out.length) {
      // Only the session's error (a host that never answered): the recipient is the returned message's To.
      const to = findAddress(returnedHeaders(v.msg)?.raw('to') ?? '');
      const diagnostic = hostError || answer;
      return to && diagnostic ? [{ ...withCodes(to, answer || diagnostic), diagnostic, command, action: 'failed' }] : [];
    }
    // A recipient whose own line says nothing but "Deferred" takes the host's error.
    return hostError ? out.map((r) => (/^deferred\b/i.test(r.diagnostic) || !r.diagnostic ? { ...r, diagnostic: hostError } : r)) : out;
  },
};
