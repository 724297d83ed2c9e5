// GMX, web.de and mail.com (United Internet) write their own notice,
// Exim-like but not Exim's (1&1 / IONOS write the same frame): "This message was created automatically
// by mail delivery software." and the original's headers after "--- The header
// of the original message is following. ---". Per recipient: the address
// ("a@b", "\"a@b\":", "<a@b>" or "a@b:"), then either "SMTP error from remote
// server after RCPT command:" / "... for TEXT command," with "host: ..." and
// the reply, or a label ("Reason:", "For the following reason:") and a
// sentence of its own ("delivery retry timeout exceeded", "Mail size limit
// exceeded.").
import type { Family, FamilyRecipient } from './family.js';
import { gated } from '../view.js';
import type { SmtpCommand } from '../classify.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { wordingOf } from './layout.js';
import { OWN_WORDS as EXIM_WORDS } from './exim.js';

const TAIL = /^-{3} the header of the original message is following\. -{3}\s*$/im;
const TAIL_GATE = gated(TAIL);
const ADDRESS_LINE = /^\s*(?:"([^"\s]+@[^"\s]+)"|<([^<>\s]+@[^<>\s]+)>|([^\s<>"]+@[^\s<>":]+)):?\s*$/;

function command(text: string): SmtpCommand {
  const m = /smtp error from remote (?:server|mail server|mailer) (?:after|for) (?:end of )?(rcpt|mail|data|text|helo|ehlo)\b/i.exec(text);
  const c = (m?.[1] ?? '').toUpperCase();
  if (c === 'TEXT' || c === 'DATA') return 'DATA'; // "for TEXT command": the message after DATA
  if (c === 'EHLO' || c === 'HELO') return 'HELO';
  return c === 'RCPT' || c === 'MAIL' ? c : '';
}

export const unitedInternet: Family = {
  name: 'unitedinternet',
  // GMX's own senders or its spam-check header; 1&1's notices (same tail) have a reader of their own (einsundeins).
  detect: (v) =>
    TAIL_GATE.test(v) &&
    /^this message was created automatically by mail delivery software/im.test(v.text) &&
    (v.msg.headers.has('x-gmx-antispam') || /@(?:[a-z0-9-]+\.)*(?:gmx\.[a-z]+|web\.de|mail\.com)$/i.test(v.from)),
  read(v): FamilyRecipient[] {
    const body = v.text.slice(0, TAIL.exec(v.text)?.index ?? v.text.length);
    const out: Array<{ address: string; lines: string[] }> = [];
    for (const raw of body.split(/\r?\n/)) {
      const m = ADDRESS_LINE.exec(raw);
      const a = m ? findAddress(m[1] ?? m[2] ?? m[3] ?? '') : '';
      if (a && !v.exclude.includes(a.toLowerCase())) {
        out.push({ address: a, lines: [] });
        continue;
      }
      const cur = out[out.length - 1];
      const l = raw.trim();
      if (cur && l) cur.lines.push(l);
    }
    return out.map((r) => {
      const all = r.lines.join(' ');
      // The reply or sentence, without the labels around it.
      const said = all
        .replace(/smtp error from remote (?:server|mail server|mailer) (?:after|for) [a-z ]*?command[:,]?\s*/i, '')
        .replace(/\bhost:\s*\S+(?:\s*\([^)]*\))?\s*(?:reason:\s*)?/i, '')
        .replace(/^(?:for the following reason:|reason:)\s*/i, '')
        .trim();
      const t = withCodes(r.address, said);
      // No remote reply: the notice's own router verdict, worded as Exim words it (the frame is Exim's;
      // "Unrouteable address" is a domain with no route, not a refused mailbox).
      const hint = command(all) || t.replyCode ? undefined : wordingOf(said, EXIM_WORDS);
      return { ...t, command: command(all) || t.command, action: 'failed' as const, ...(hint ? { hint } : {}) };
    });
  },
};
