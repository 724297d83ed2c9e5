// DragonFly Mail Agent (dma) bounces (its mail.c bounce()): "This is the
// DragonFly Mail Agent vX at host.", "There was an error delivering your
// mail to <a@b>.", then dma's error message, then "Message headers follow."
// or "Original message follows.". The messages are net.c's and dns.c's:
// "host [ip] did not like our RCPT TO:" and the remote's answer on the next
// line, "DNS lookup failure: host x not found", "local delivery failed: ...".
import type { Family, FamilyRecipient } from './family.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { commandWord, joined, noticeLines, wordingOf, type Wording } from './layout.js';
import { fixedWords, mentions } from '../view.js';

const TO_WORDS = fixedWords('there was an error delivering your mail to <');

const INTRO_WORDS = fixedWords('this is the dragonfly mail agent');

const INTRO = /^this is the dragonfly mail agent\b/im;
const TO = /^there was an error delivering your mail to <([^>]+)>\.?\s*$/im;
const BACKBONE = /^(?:message headers follow|original message follows)\.\s*$/im;
/** net.c: the remote refused a command ("did not like our MAIL FROM:", "... RCPT TO:", "... DATA:", "... final DATA:"). */
const REFUSED = /\[[^\]]*\] did not like our (mail from|rcpt to|final data|data|ehlo|helo|connect):/i;

/** dma's own words (no remote answer). */
export const OWN_WORDS: readonly Wording[] = [
  // dns.c: the domain resolves to no host.
  {
    re: /dns lookup failure: host \S+ not found/i,
    reason: 'hostunknown',
    example: 'DNS lookup failure: host nonexistent.example not found',
  },
  // net.c: the server never completed its greeting.
  {
    re: /could not perform server greeting at /i,
    reason: 'blocked',
    example: 'Could not perform server greeting at mx.example.com [192.0.2.1]: Connection reset by peer',
  },
  // local.c: delivering to a local mailbox failed.
  { re: /^local delivery failed\b/i, reason: 'mailererror', example: 'local delivery failed: write error: No space left on device' },
  // net.c: AUTH to the smarthost failed.
  {
    re: /smtp login (?:to \S+ )?failed|authentication failed/i,
    reason: 'securityerror',
    example: 'remote delivery failed: SMTP login failed: Permission denied',
  },
];

export const dragonfly: Family = {
  name: 'dragonfly',
  detect: (v) => (mentions(v, INTRO_WORDS) && INTRO.test(v.text)) || (mentions(v, TO_WORDS) && TO.test(v.text)),
  read(v): FamilyRecipient[] {
    const to = TO.exec(v.text);
    const address = findAddress(to?.[1] ?? '');
    if (!to || !address) return [];
    const after = v.text.slice(to.index + to[0].length);
    const diagnostic = joined(
      noticeLines(after, BACKBONE)
        .map((l) => l.trim())
        .filter(Boolean),
    );
    const step = REFUSED.exec(diagnostic);
    // The remote's answer follows dma's "did not like our X:" line.
    const answer = step ? diagnostic.slice(step.index + step[0].length).trim() : '';
    const base: FamilyRecipient = { ...withCodes(address, answer || diagnostic), diagnostic: answer || diagnostic, action: 'failed' };
    // The step the remote refused: the classifier reads its answer with that step (a refusal at MAIL FROM is
    // the sender's unless the words name another sender-side cause, "530 5.7.0 Authentication required"), as
    // for every MTA that quotes the step; the reference's DragonFly module sets only the command too.
    if (step) return [{ ...base, command: commandWord(step[1] ?? '') }];
    const hint = wordingOf(diagnostic, OWN_WORDS);
    return [hint ? { ...base, hint } : base];
  },
};
