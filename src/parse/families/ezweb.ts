// au's EZweb gateway (ezweb.ne.jp, au.com): the state of the account comes
// first, in fixed sentences ("The user(s) account is disabled."), then the
// recipients, "<a@b>: <reply>" or a "Recipient: <a@b>" block with the
// ">>> RCPT TO" / "<<< 550 ..." exchange. The sentence says more than the
// reply, which is often a bare "550 user unknown", unless the block shows the
// refused RCPT TO itself. A notice carrying "X-SPASIGN: NG" comes from au's
// spam filter: the recipient's filter refused the message. A rule of 50 dashes
// ends the notice; the returned message follows it.
import type { Reason } from '../../domain/reasons.js';
import type { Family, FamilyRecipient } from './family.js';
import { scanText } from '../text.js';
import { gated } from '../view.js';

const SENTENCES: ReadonlyArray<readonly [RegExp, Reason]> = [
  [/the user\(s\) account is temporarily over quota/i, 'mailboxfull'],
  [/the user\(s\) account is (?:disabled|temporarily limited)/i, 'suspend'],
  [/your message was not delivered within /i, 'expired'],
  // The opening of a list of remote refusals: it names no cause, so it alone decides nothing (on hold, as
  // the reference parser's EZweb table reads it); a reply under the address still does.
  [/each of the following recipients was rejected by a remote mail server/i, 'onhold'],
];

/**
 * au's own sentences, one of which opens each of its notices. Behind their words (`gated`): the pattern is
 * tried on every mail that neither au's From nor its Subject claims, and a multi-line `^\s*` pattern over the
 * whole text cost more than any other detector's test (docs/parser-generalisation.md, "Speed").
 */
const OPENING = gated(
  /^\s*(?:the user\(s\) account is|your message was not delivered within|each of the following recipients was rejected)/im,
);

/**
 * au's marks on a notice besides its From: the Subject, a Received line of au's gateway ("ezweb.ne.jp (EZweb
 * Mail)", "msmx.au.com (...)"), a Message-ID at its hosts, a daemon's From at its domains. Two of them and one
 * of its sentences identify a notice whose From or Subject a site changed (as the reference parser counts them).
 */
function marks(v: Parameters<Family['detect']>[0]): number {
  const received = v.msg.headers.all('received').join('\n');
  return (
    Number(v.subject === 'Mail System Error - Returned Mail') +
    Number(/ezweb\.ne\.jp \(ezweb mail\)|\.au\.com \(/i.test(received)) +
    Number(/[.@](?:ezweb\.ne\.jp|au\.com)>\s*$/i.test(v.msg.headers.get('message-id') ?? '')) +
    Number(/(?:mailer-daemon|postmaster)@(?:[\w-]+\.)*(?:ezweb\.ne\.jp|au\.com)\b/i.test(v.msg.headers.get('from') ?? ''))
  );
}

export const ezweb: Family = {
  name: 'ezweb',
  detect: (v) =>
    /postmaster@(?:ezweb\.ne\.jp|au\.com)/i.test(v.msg.headers.get('from') ?? '') ||
    (v.subject === 'Mail System Error - Returned Mail' &&
      /ezweb\.ne\.jp|au\.com/i.test(v.msg.headers.all('received').join('\n') + (v.msg.headers.get('message-id') ?? ''))) ||
    (OPENING.test(v) && marks(v) >= 2),
  read(v): FamilyRecipient[] {
    // EZweb's own rule of 50 dashes opens the returned message: its header's addresses are no recipients.
    const end = /^-{50,}\s*$/m.exec(v.text)?.index ?? v.text.length;
    const found = scanText(v.text.slice(0, end), { exclude: v.exclude });
    const filtered = /^\s*ng\b/i.test(v.msg.headers.get('x-spasign') ?? '');
    const sentence = SENTENCES.find(([re]) => re.test(v.text))?.[1] ?? null;
    return found.map((r) => {
      const rcpt = /(?:^|\s)>>>\s*rcpt to\b/i.test(r.diagnostic);
      // The list's opening names no cause: only a fallback, for when the text under the address decides nothing.
      const open = sentence === 'onhold';
      const hint = filtered ? ('filtered' as const) : rcpt || open ? null : sentence;
      return {
        ...r,
        ...(rcpt ? { command: 'RCPT' as const } : {}),
        hint,
        ...(open && !filtered ? { fallback: 'onhold' as const } : {}),
        action: 'failed' as const,
      };
    });
  },
};
