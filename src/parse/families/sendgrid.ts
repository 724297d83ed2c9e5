// SendGrid's own notice ("This is an automatically generated message from
// SendGrid."): per recipient "account:<a@b> : <ip> : <mx>:[<ip>] :" and an
// indented line with the remote's reply and the refused step ("... in RCPT
// TO", "... in MAIL FROM", "... in End of DATA"); when no server answered, its
// own words follow the address on the same line ("<a@b> : Connection timed
// out in connect"). Its delivery-status part
// says "Action: expired" (no RFC 3464 action) once its retries ran out.
import type { Family, FamilyRecipient } from './family.js';
import { gated } from '../view.js';
import { findAddress } from '../address.js';
import { findCommand, withCodes } from '../text.js';
import type { SmtpCommand } from '../classify.js';

const START = /^this is an automatically generated message from sendgrid\./im;
const START_GATE = gated(START);

const STEP = /\s+in (?:end of )?(rcpt to|mail from|data|connect)\s*$/i;

function step(line: string): SmtpCommand {
  const m = STEP.exec(line);
  if (!m) return '';
  return m[1]?.toLowerCase() === 'connect' ? 'CONN' : findCommand(`in reply to ${m[1]}`);
}

export const sendgrid: Family = {
  name: 'sendgrid',
  detect: (v) => START_GATE.test(v),
  read(v): FamilyRecipient[] {
    const expired = v.dsnParts.some((p) => /^action:\s*expired\s*$/im.test(p));
    const lines = v.text.split(/\r?\n/);
    const out: FamilyRecipient[] = [];
    for (let i = 0; i < lines.length; i++) {
      const m = /:<([^<>\s]+@[^<>\s]+)>\s*:(.*)$/.exec(lines[i] ?? '');
      if (!m) continue;
      // "<ip> : <mx>:[<ip>] :" and the reply on the next line, or the reason right here.
      const own = (m[2] ?? '').trim();
      const reply = /:\s*$/.test(own) || !own ? (lines[i + 1] ?? '').trim() : own;
      const address = findAddress(m[1] ?? '');
      if (!address) continue;
      const t = withCodes(address, reply.replace(STEP, '').trim());
      out.push({ ...t, command: step(reply) || t.command, ...(expired ? { action: 'failed' as const, hint: 'expired' as const } : {}) });
    }
    return out;
  },
};
