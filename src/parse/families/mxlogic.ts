// MXLogic (McAfee SaaS Email Protection) relays: an Exim-derived notice
// ("This message was created automatically by mail delivery software.")
// with its own headers (X-MX-Bounce, X-MXL-Hash). A recipient is either
// "<a@b>: why" on one line, or Exim's block: the address two spaces in and
// what happened four spaces in ("SMTP error from remote mail server after
// RCPT TO:<a@b>: host mx [ip]: 550 ...").
import type { Family, FamilyRecipient } from './family.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { commandWord, joined, noticeLines, wordingOf, type Wording } from './layout.js';

/** Exim's router and transport words, which MXLogic's notices keep. */
export const OWN_WORDS: readonly Wording[] = [
  {
    re: /all host address lookups failed permanently|all relevant mx records point to non-existent hosts|unrouteable address/i,
    reason: 'hostunknown',
    example: 'all host address lookups failed permanently',
  },
  {
    re: /an mx or srv record indicated no smtp service|no host found for existing smtp connection/i,
    reason: 'notaccept',
    example: 'an MX or SRV record indicated no SMTP service',
  },
  {
    re: /retry timeout exceeded|retry time not reached for any host after a long failure period|all hosts have been failing for a long time/i,
    reason: 'expired',
    example: 'retry timeout exceeded',
  },
];

export const mxlogic: Family = {
  name: 'mxlogic',
  detect: (v) =>
    ['x-mx-bounce', 'x-mxl-hash', 'x-mxl-notehash'].some((h) => v.msg.headers.has(h)) &&
    /^this message was created automatically by mail delivery software\./im.test(v.text),
  read(v): FamilyRecipient[] {
    const lines = noticeLines(v.text, /^included is a copy of the message header:/im);
    const out: Array<{ address: string; parts: string[] }> = [];
    let listing = false;
    for (const raw of lines) {
      const inline = /^\s*<([^\s<>]+@[^\s<>]+)>:\s*(.*)$/.exec(raw);
      if (inline?.[1]) {
        out.push({ address: findAddress(inline[1]), parts: [inline[2] ?? ''] });
        continue;
      }
      if (/following address(?:\(es\))? failed:?\s*$|could not be delivered to one or more of its/i.test(raw)) listing = true;
      if (!raw.trim()) continue;
      const head = listing ? /^ {1,3}(\S+@\S+)\s*$/.exec(raw) : null;
      if (head?.[1]) out.push({ address: findAddress(head[1]), parts: [] });
      else if (/^\s{4,}\S/.test(raw) && out.length) out[out.length - 1]!.parts.push(raw.trim());
    }
    return out
      .filter((r) => r.address)
      .map(({ address, parts }): FamilyRecipient => {
        const diagnostic = joined(parts).replace(/\s*--.*$/, '');
        const step = /smtp error from remote (?:mail server|mailer) after (?:end of )?([a-z]+(?: (?:to|from))?)/i.exec(diagnostic);
        const command = step ? commandWord(step[1] ?? '') : '';
        const r: FamilyRecipient = { ...withCodes(address, diagnostic), action: 'failed', ...(command ? { command } : {}) };
        // The sender refused at MAIL FROM, or this host at HELO: nothing said of the recipient.
        if (command === 'MAIL') return { ...r, hint: 'rejected' };
        if (command === 'HELO') return { ...r, hint: 'blocked' };
        const hint = r.replyCode ? undefined : wordingOf(diagnostic, OWN_WORDS);
        return hint ? { ...r, hint } : r;
      });
  },
};
