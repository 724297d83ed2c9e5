// Exim's notices that are not a recipient's bounce (its moan.c, receive.c and
// deliver.c). Its refusal of a locally submitted message by its own checks
// lists no recipient: the message, not an address, was refused, and its
// recipients are read from the returned message. The notices to a forward
// file's owner and to `freeze_tell` are no bounce of a mailing at all.
// docs/parser-generalisation.md, "Exim's other notices", says why.
import type { Family, FamilyRecipient } from './family.js';
import { fixedWords, mentions, type MailView } from '../view.js';
import { findAddress, findAddresses } from '../address.js';
import { returnedHeaders } from '../original.js';
import { cutAtOriginal, withCodes } from '../text.js';
import { joined } from './layout.js';

const ROUTER_ERRORS_WORDS = fixedWords('router encountered the following error(s)');

const FROZEN_WORDS = fixedWords('frozen');

const LOCAL_SCAN_WORDS = fixedWords('rejected by the local scanning code');

/**
 * moan.c, ERRMESS_LOCAL_SCAN / ERRMESS_LOCAL_ACL (subject "Mail failure - rejected by local scanning code"):
 * local_scan() or the non-SMTP ACL refused a message submitted on this host (an SMTP client gets the
 * ACL's 550 instead), then " The following error was given:" and the check's own words, indented.
 */
const LOCAL_SCAN = /^a message that you sent was rejected by the local scanning code that\s+checks incoming messages on this system\./im;
const GIVEN = /^\s*the following error was given:\s*$/im;

/** Whom the refused message was for: Exim's own Received line names the envelope recipient when there was one ("for a@b;"), else its To and Cc. */
function sentTo(v: MailView): string[] {
  const h = returnedHeaders(v.msg);
  if (!h) return [];
  const one = findAddress(/\bfor\s+(<?[^\s<>;]+@[^\s<>;]+>?)\s*;/i.exec(h.raw('received') ?? '')?.[1] ?? '');
  if (one) return [one];
  const all = ['to', 'cc'].flatMap((k) => h.all(k).flatMap((x) => findAddresses(x)));
  return all.filter((a, i) => all.findIndex((b) => b.toLowerCase() === a.toLowerCase()) === i);
}

export const eximLocalScan: Family = {
  name: 'exim',
  // Its recipients are the returned message's, or none: no other address in it was refused.
  final: 'bounce',
  detect: (v) => mentions(v, LOCAL_SCAN_WORDS) && LOCAL_SCAN.test(v.text),
  read(v): FamilyRecipient[] {
    const text = cutAtOriginal(v.text);
    const at = LOCAL_SCAN.exec(text);
    if (!at) return [];
    const rest = text.slice(at.index + at[0].length);
    const given = GIVEN.exec(rest);
    // The check's words; with none given, Exim's own sentence.
    const diagnostic = (given ? joined(rest.slice(given.index + given[0].length).split(/\r?\n/)) : '') || joined(at[0].split(/\r?\n/));
    return sentTo(v).map((address) => ({
      ...withCodes(address, diagnostic),
      action: 'failed' as const,
      // What the check says of the message decides, when it says it; the address is never in question.
      fallback: 'contenterror' as const,
      senderSide: true,
    }));
  },
};

/**
 * deliver.c and receive.c, to `freeze_tell`: "Message <id> has been frozen (delivery error message).",
 * "Message <id> was frozen on arrival by ACL.", each followed by "The sender is <a@b>." The addresses
 * listed after it ("The following address(es) have yet to be delivered:") are the frozen message's.
 */
const FROZEN = /^message \S+ (?:has been frozen\b|was frozen on arrival by )[^\n]*\r?\n[ \t]*the sender is <[^<>\n]*>\.?[ \t]*\r?$/im;
/** moan.c, moan_skipped_syntax_errors (subject "error(s) in forwarding or filtering"): to a forward file's owner, or `syntax_errors_to`. */
const ROUTER_ERRORS = /^the \S+ router encountered the following error\(s\):[ \t]*\r?$/im;

export const eximNotice: Family = {
  name: 'exim',
  final: 'notice',
  detect: (v) =>
    (mentions(v, FROZEN_WORDS) && FROZEN.test(cutAtOriginal(v.text))) ||
    (mentions(v, ROUTER_ERRORS_WORDS) && ROUTER_ERRORS.test(cutAtOriginal(v.text))),
  read: () => [],
};
