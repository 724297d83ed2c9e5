// 1&1 (IONOS) mail servers' notices: "This message was created automatically
// by mail delivery software", then "The following address failed:", the
// address alone on a line (or "a@b:"), and either "For the following
// reason:" with 1&1's own words ("Mail size limit exceeded. For explanation
// visit http://postmaster.1and1.com/...") or the remote's answer as "SMTP
// error from remote server for TEXT command, host: mx (ip) reason: 550 ...";
// the original's headers follow "--- The header of the original message is
// following. ---".
import type { Family, FamilyRecipient } from './family.js';
import { fixedWords, mentions } from '../view.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { joined, noticeLines, wordingOf, type Wording } from './layout.js';

const BACKBONE_WORDS = fixedWords('the header of the original message is following.');

const BACKBONE = /^---\s*the header of the original message is following\.\s*---/im;

/** 1&1's own reasons (their postmaster pages list them). */
export const OWN_WORDS: readonly Wording[] = [
  {
    re: /^mail size limit exceeded\b/i,
    reason: 'mesgtoobig',
    example: 'Mail size limit exceeded. For explanation visit http://postmaster.1and1.com/en/error-messages',
  },
];

export const einsUndEins: Family = {
  name: 'einsundeins',
  detect: (v) =>
    mentions(v, BACKBONE_WORDS) &&
    BACKBONE.test(v.text) &&
    /^this message was created automatically by mail delivery software/im.test(v.text),
  read(v): FamilyRecipient[] {
    const lines = noticeLines(v.text, BACKBONE).map((l) => l.trim());
    // "The following address failed:", often wrapped so that "failed:" stands on a line of its own.
    const start = lines.findIndex((l) => /^the following address(?:es)? failed:?$|^failed:$/i.test(l));
    if (start < 0) return [];
    const out: Array<{ address: string; parts: string[] }> = [];
    for (const l of lines.slice(start + 1)) {
      const m = /^([^\s@]+@[^\s@:]+):?$/.exec(l);
      if (m?.[1]) out.push({ address: findAddress(m[1]), parts: [] });
      else if (l && out.length && !/^for the following reason:$/i.test(l)) out[out.length - 1]!.parts.push(l);
    }
    return out
      .filter((r) => r.address)
      .map(({ address, parts }): FamilyRecipient => {
        const text = joined(parts);
        // "SMTP error from remote server for TEXT command, host: mx (ip) reason: 550 ...": TEXT is the message data.
        const remote = /smtp error from remote server for (\w+) command,.*?reason:\s*(.+)$/i.exec(text);
        if (remote)
          return {
            ...withCodes(address, remote[2] ?? ''),
            ...(/^text|data$/i.test(remote[1] ?? '') ? { command: 'DATA' as const } : {}),
            action: 'failed',
          };
        const hint = wordingOf(text, OWN_WORDS);
        return { ...withCodes(address, text), action: 'failed', ...(hint ? { hint } : {}) };
      });
  },
};
