// Alt-N MDaemon's notices: "The attached message had PERMANENT fatal
// delivery errors!" (or a warning that it is still trying), then its session
// log between "--- Session Transcript ---" and "--- End Transcript ---":
// timestamped lines where "--> RCPT To:<a@b>" is what it sent and "<-- 550
// ..." what the remote answered.
import type { Family, FamilyRecipient } from './family.js';
import { fixedWords, mentions } from '../view.js';
import type { SmtpCommand } from '../classify.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { commandWord } from './layout.js';

const TRANSCRIPT_WORDS = fixedWords('session transcript');

const TRANSCRIPT = /^-{3}\s*session transcript\s*-{3}\s*$/im;

export const mdaemon: Family = {
  name: 'mdaemon',
  detect: (v) => mentions(v, TRANSCRIPT_WORDS) && TRANSCRIPT.test(v.text) && /^\s*(?:\w{3} )?[\d-]+ [\d:.]+: (?:-->|<--) /m.test(v.text),
  read(v): FamilyRecipient[] {
    const start = TRANSCRIPT.exec(v.text);
    if (!start) return [];
    const rest = v.text.slice(start.index + start[0].length);
    const end = /^-{3}\s*end transcript\s*-{3}\s*$/im.exec(rest);
    const lines = (end ? rest.slice(0, end.index) : rest)
      .split(/\r?\n/)
      .map((l) => l.replace(/^\s*(?:\w{3} )?[\d-]+ [\d:.]+:\s*/, '').trim());
    const action = /permanent fatal delivery errors/i.test(v.text) ? 'failed' : 'delayed';
    const out: FamilyRecipient[] = [];
    let command: SmtpCommand = '';
    let rcpt = '';
    let envelope = '';
    let said = false;
    for (const l of lines) {
      if (l.startsWith('-->')) {
        const sent = l.slice(3).trim();
        said = true;
        command = commandWord(sent);
        if (command === 'RCPT') rcpt = findAddress(sent);
        continue;
      }
      if (!l.startsWith('<--')) continue;
      const answer = l.slice(3).trim();
      if (!/^[45]\d\d[ -]/.test(answer)) continue;
      // A refusal of RCPT is that recipient's; a later one (DATA) is every accepted recipient's.
      const address = command === 'RCPT' ? rcpt : '';
      if (address && !out.some((r) => r.address === address)) out.push({ ...withCodes(address, answer), command, action });
      else if (!address && !out.length) {
        envelope = answer;
        // An answer before MDaemon said anything is the remote's greeting.
        if (!said) command = 'CONN';
      }
    }
    if (out.length || !envelope) return out;
    // Failed after the recipients were accepted: the recipients are the ones it sent. Refused before any
    // RCPT (the greeting, HELO, MAIL FROM): the ones its notice lists as "Failed address: a@b".
    const sent = lines.filter((l) => /^-->\s*rcpt to:/i.test(l));
    const listed = v.text.split(/\r?\n/).filter((l) => /^\s*failed address:\s*\S+@/i.test(l));
    const all = (sent.length ? sent : listed).map((l) => findAddress(l.replace(/^\s*failed address:/i, ''))).filter(Boolean);
    return [...new Set(all)].map((a) => ({ ...withCodes(a, envelope), command, action }));
  },
};
