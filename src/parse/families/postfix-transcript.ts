// Postfix's notice to the postmaster, "Postfix SMTP server: errors from
// host[ip]": a transcript of the SMTP session ("In:  RCPT TO:<a@b>", "Out: 451
// 4.3.0 Error: queue file write error"). Each recipient failed with the
// answer to its own RCPT TO when that was an error, else with the first error after.
import type { Family, FamilyRecipient } from './family.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import type { SmtpCommand } from '../classify.js';

export const postfixTranscript: Family = {
  name: 'postfix-transcript',
  selfEvident: true,
  detect: (v) => /^postfix smtp server: errors from/i.test(v.subject) && /^\s*In:\s+RCPT TO:/im.test(v.text),
  read(v): FamilyRecipient[] {
    // Continuation lines (indented further) belong to the command or reply above.
    const steps = v.text
      .replace(/\r?\n {4,}(?=\S)/g, ' ')
      .split(/\r?\n/)
      .map((l) => /^\s*(In|Out):\s+(.*)$/.exec(l))
      .filter((m) => m !== null);
    const out: FamilyRecipient[] = [];
    const askedAt = new Map<FamilyRecipient, number>();
    let command: SmtpCommand = '';
    steps.forEach((m, i) => {
      const said = m[2] ?? '';
      if (m[1] === 'In') {
        const verb = said.slice(0, 4).toUpperCase();
        command = verb === 'RCPT' ? 'RCPT' : verb === 'MAIL' ? 'MAIL' : verb === 'DATA' ? 'DATA' : command;
        const address = verb === 'RCPT' ? findAddress(said) : '';
        if (!address) return;
        const r = withCodes(address, '');
        out.push(r);
        askedAt.set(r, i);
        return;
      }
      if (!/^[45]\d\d[ -]/.test(said)) return;
      for (const r of out) {
        // Its own RCPT TO was refused, or it was accepted and a later command failed.
        if (!r.diagnostic && (askedAt.get(r) === i - 1 || command !== 'RCPT')) Object.assign(r, withCodes(r.address, said), { command });
      }
    });
    return out.filter((r) => r.diagnostic);
  },
};
