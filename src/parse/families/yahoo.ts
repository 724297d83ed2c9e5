// Yahoo Mail's own notice: "Sorry, we were unable to deliver your message to
// the following address.", then per recipient "<a@b>:" and "Remote host
// said: <reply> [RCPT_TO]" (the reply may sit on the next line, the bracketed
// command on the line after). The bracket names the refused SMTP command,
// which tells a dead address (RCPT) from a refused message (DATA). Yahoo's
// older (qmail-based) notice has the same blocks under "Message from
// yahoo.com. Unable to deliver message to the following address(es).",
// with Yahoo's own sentence in place of a remote reply.
import type { Family, FamilyRecipient } from './family.js';
import { gated } from '../view.js';
import type { SmtpCommand } from '../classify.js';
import { findAddress } from '../address.js';
import { cutAtOriginal, withCodes } from '../text.js';

const START =
  /^(?:sorry, we were unable to deliver your message to the following address|unable to deliver message to the following address)/im;
const START_GATE = gated(START);
const COMMAND = /\[(RCPT|MAIL|DATA|HELO|EHLO|CONN)[A-Z_]*\]\s*$/;

function command(c: string): SmtpCommand {
  if (c === 'EHLO' || c === 'HELO') return 'HELO';
  return c === 'RCPT' || c === 'MAIL' || c === 'DATA' || c === 'CONN' ? c : '';
}

export const yahoo: Family = {
  name: 'yahoo',
  detect: (v) =>
    START_GATE.test(v) &&
    (v.msg.headers.has('x-ymailisg') ||
      /^sorry, we were unable to deliver/im.test(v.text) ||
      /^message from yahoo\.com\.\s*$/im.test(v.text)),
  read(v): FamilyRecipient[] {
    const text = cutAtOriginal(v.text.replace(/^--- (?:Below this line is a copy of the message|Original message follows)[\s\S]*$/m, ''));
    const at = START.exec(text);
    if (!at) return [];
    const out: Array<{ address: string; lines: string[]; command: SmtpCommand }> = [];
    for (const raw of text.slice(at.index).split(/\r?\n/).slice(1)) {
      const line = raw.trim();
      if (!line) continue;
      const rcpt = /^<([^<>\s]+@[^<>\s]+)>:?$/.exec(line);
      if (rcpt) {
        out.push({ address: findAddress(rcpt[1] ?? ''), lines: [], command: '' });
        continue;
      }
      const cur = out[out.length - 1];
      if (!cur) continue;
      const c = COMMAND.exec(line);
      if (c) cur.command = command(c[1] ?? '');
      const rest = line
        .replace(COMMAND, '')
        .replace(/^remote host said:\s*/i, '')
        .trim();
      if (rest) cur.lines.push(rest);
    }
    return out
      .filter((r) => r.address)
      .map((r) => {
        const t = withCodes(r.address, r.lines.join(' '));
        return { ...t, command: r.command || t.command, action: 'failed' as const };
      });
  },
};
