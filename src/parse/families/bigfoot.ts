// Bigfoot's forwarding service (bigfoot.com): Sendmail's notice and DSN part,
// the returned message as message/partial. What it adds to Sendmail's reading
// is the step of its transcript ("   ----- Transcript of session follows"): the
// last ">>> COMMAND" it sent, or, when the transcript holds only the remote's
// "<<< reply", the greeting (the forward target refused the connection).
import type { SmtpCommand } from '../classify.js';
import type { Family, FamilyRecipient } from './family.js';
import { commandWord, noticeLines } from './layout.js';
import { sendmail } from './sendmail.js';
import { generic } from './generic.js';

const TRANSCRIPT = /^\s+-+\s*transcript of session follows/i;

function isBigfoot(from: string, received: readonly string[]): boolean {
  return /@bigfoot\.[a-z.]+$/i.test(from) || received.some((r) => /\.bigfoot\.[a-z.]+\s/i.test(r));
}

/** The step the transcript shows: the last command sent, or the greeting when only replies are there. */
export function transcriptStep(lines: readonly string[]): SmtpCommand {
  const start = lines.findIndex((l) => TRANSCRIPT.test(l));
  if (start < 0) return '';
  let step: SmtpCommand = '';
  let replied = false;
  for (const l of lines.slice(start + 1)) {
    const sent = /^>>>\s+([A-Za-z]{4})\b/.exec(l);
    if (sent?.[1]) step = commandWord(sent[1]) || step;
    else if (/^<<<\s+\S/.test(l)) replied = true;
  }
  return step || (replied ? 'CONN' : '');
}

export const bigfoot: Family = {
  name: 'bigfoot',
  detect: (v) => isBigfoot(v.from, v.msg.headers.all('received')),
  read(v): FamilyRecipient[] {
    const base = sendmail.detect(v) ? sendmail.read(v) : [];
    const found = base.length ? base : generic.read(v);
    const step = transcriptStep(noticeLines(v.text));
    return found.map((r) => (r.command || !step ? r : { ...r, command: step }));
  },
};
