// fml, the Japanese mailing-list manager (X-MLServer: fml): its error mails
// to a poster say the poster is not a member, or that a loop was caught.
// The address it speaks of is written in angle brackets in the first lines.
import type { Reason } from '../../domain/reasons.js';
import type { Family, FamilyRecipient } from './family.js';
import { findAddress } from '../address.js';
import { cutAtOriginal } from '../text.js';

const ERRORS: ReadonlyArray<readonly [RegExp, Reason]> = [
  [/ are not (?:a )?member|not member article from|reject mail |spam mail from a spammer is rejected/i, 'rejected'],
  [/fml system error message|loop alert|loop back warning|unix from loop|duplicated message-id/i, 'systemerror'],
  [/security alert/i, 'securityerror'],
];

/** The notice without the returned message ("Original mail as follows:"). */
function ownText(text: string): string {
  return cutAtOriginal(text).replace(/^\s*original mail as follows:[\s\S]*$/im, '');
}

/** fml's sentence in the body names the error; its subject only the kind of mail (a "system error message" may carry a security alert). */
function fmlError(subject: string, text: string): Reason | null {
  const body = ownText(text).slice(0, 1000);
  return ERRORS.find(([re]) => re.test(body))?.[1] ?? ERRORS.find(([re]) => re.test(subject))?.[1] ?? null;
}

export const fml: Family = {
  name: 'fml',
  selfEvident: true,
  detect: (v) => /^fml\b/i.test((v.msg.headers.raw('x-mlserver') ?? '').trim()) && fmlError(v.subject, v.text) !== null,
  read(v): FamilyRecipient[] {
    const text = ownText(v.text);
    // fml ends the sentence that names the address with it ("... article from <a@b>."); a sentence may name the
    // list before that ("fml <list@b> has detected a loop ... <a@b>."), so a line's closing address comes first.
    const closing = /<([^<>\s]+@[^<>\s]+)>\.\s*$/m.exec(text)?.[1];
    const address = findAddress(closing ?? /<[^<>\s]+@[^<>\s]+>/.exec(text)?.[0] ?? '');
    const diagnostic = text.replace(/\s+/g, ' ').trim().slice(0, 300);
    return address ? [{ address, diagnostic, status: '', replyCode: '', command: '', hint: fmlError(v.subject, v.text) }] : [];
  },
};
