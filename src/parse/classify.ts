// Built-in heuristics: from a recipient's action, status, reply code and
// diagnostic text to a reason (docs/reasons.md). The order of the evidence, most
// precise first (docs/parser-generalisation.md, "How the classifier decides"):
// a family's own verdict, decisive codes, the few overrides (a provider's
// documented codes, sender-side mechanisms: a blocklist or SPF text never reads
// as a dead address), a precise RFC 3463 status, the broad phrase vocabulary,
// the refused SMTP command, vague codes, weak words, the reply code, and
// onhold / undefined when nothing known matched.
import type { Reason } from '../domain/reasons.js';
import type { Action } from '../domain/verdict.js';
import { SMTP_TO_DSN, isVagueStatus, reasonOfReply, reasonOfStatus } from './codes.js';
import { COMPOUND_PHRASES, OVERRIDE_PHRASES, SENDER_BROAD, type PhraseList } from './phrases.js';
import { RECIPIENT_PHRASES, WEAK_PHRASES } from './phrases-recipient.js';
import { requiredWords } from './required-words.js';

export type SmtpCommand = 'CONN' | 'HELO' | 'MAIL' | 'RCPT' | 'DATA' | '';

export interface Evidence {
  action: Action;
  status: string;
  replyCode: string;
  diagnostic: string;
  /** The SMTP command the remote refused, when the bounce says. */
  command?: SmtpCommand;
  /** A family module's own verdict from a text it knows well. */
  hint?: Reason | null;
  /** The recipient was a program (a pipe): what failed is that mailer. */
  program?: boolean;
}

export interface Verdict {
  reason: Reason;
  sure: boolean;
}

/** The first reason in `lists` with a phrase found in `text` (already lower-cased). */
export function matchPhrases(text: string, lists: readonly PhraseList[]): Reason | null {
  if (!text) return null;
  const idx = indexOf(lists);
  // Substrings: one pass over the text, looking up the phrases that start with each 3 characters,
  // instead of a search of the whole text for each of some 400 phrases. The same pass notes which
  // patterns' required words (`requiredWords`) the text holds: a pattern without its word cannot match.
  let best = lists.length;
  const first3 = idx.first3;
  const seen = idx.seen;
  seen.fill(0);
  // The filter's index of the 3 characters at `at`, kept rolling: one character read per position.
  let h = ((text.charCodeAt(0) & 0x1f) << 5) | (text.charCodeAt(1) & 0x1f);
  for (let at = 0; at + KEY <= text.length; at++) {
    // Most positions start no phrase: a byte table on the first three characters skips them
    // without the key and its map lookup (on two characters, common pairs such as "in", "re" or
    // "th" let most positions through to the map).
    h = ((h << 5) | (text.charCodeAt(at + 2) & 0x1f)) & FIRST3_MASK;
    if (first3[h] === 0) continue;
    const candidates = idx.byKey.get(keyAt(text, at));
    if (!candidates) continue;
    for (let k = 0; k < candidates.lists.length; k++) {
      const list = candidates.lists[k]!;
      if (list < 0) {
        if (seen[-1 - list] === 0 && text.startsWith(candidates.phrases[k]!, at)) seen[-1 - list] = 1;
      } else if (list < best && text.startsWith(candidates.phrases[k]!, at)) best = list;
    }
  }
  // Patterns: only in the lists before the first one a substring matched.
  let ascii: boolean | undefined;
  for (let i = 0; i < best; i++) {
    const patterns = idx.patterns[i]!;
    const words = idx.words[i]!;
    for (let j = 0; j < patterns.length; j++) {
      const w = words[j]!;
      if (w >= 0 && seen[w] === 0) continue;
      if (w === NON_ASCII_ONLY && (ascii ??= !BEYOND_ASCII.test(text))) continue;
      if (patterns[j]!.test(text)) return lists[i]!.reason;
    }
  }
  return best < lists.length ? lists[best]!.reason : null;
}

/** Length of the keys substrings are looked up by (every substring phrase is longer). */
const KEY = 3;
/**
 * The 3 UTF-16 units at `at` as one small integer (10 low bits of each, so no heap number is made per
 * position); units that differ above those bits share a key, and each candidate is compared in full.
 */
function keyAt(s: string, at: number): number {
  return ((s.charCodeAt(at) & 0x3ff) << 20) | ((s.charCodeAt(at + 1) & 0x3ff) << 10) | (s.charCodeAt(at + 2) & 0x3ff);
}
/**
 * Size of the first-three-characters filter, less one: 5 bits of each character (the 26 letters stay
 * apart; digits share their bits with "p" to "y", which only lets a few more positions through). A
 * table of 32 KB per combination of lists: larger ones (6 bits each, 256 KB) brought a major garbage
 * collection into a ten-copy run.
 */
const FIRST3_MASK = (1 << 15) - 1;
/** A phrase's index in the filter: the rolling value `matchPhrases` computes at its start. */
function first3Of(p: string): number {
  return ((p.charCodeAt(0) & 0x1f) << 10) | ((p.charCodeAt(1) & 0x1f) << 5) | (p.charCodeAt(2) & 0x1f);
}
interface PhraseIndex {
  /** Substring phrases (list ≥ 0: the list's position) and patterns' required words (list < 0: -1 - the word's number). */
  byKey: Map<number, { lists: number[]; phrases: string[] }>;
  /** 1 where some substring phrase or required word starts with these three characters (`first3Of`: 5 low bits of each, a superset, never a miss). */
  first3: Uint8Array;
  patterns: RegExp[][];
  /**
   * For each pattern, the number of its required word; -1 when it has none (always tested); NON_ASCII_ONLY
   * when every word it needs holds a character beyond ASCII (CJK words are shorter than the filter's three
   * characters): such a pattern cannot match an ASCII text, which most replies are.
   */
  words: number[][];
  /** Which required words this call's text holds. */
  seen: Uint8Array;
}
/**
 * Each combination of lists indexed once: substrings by their first characters (with the
 * position of their list, since the first list in order wins), patterns by list. Built at first
 * use, so that a list changed before any parse (test/eval/lofo-cli.mjs) is read as it stands then.
 */
const INDEXES = new WeakMap<readonly PhraseList[], PhraseIndex>();
/** `PhraseIndex.words`' mark of a pattern that only a text with a character beyond ASCII can match. */
const NON_ASCII_ONLY = -2;
const BEYOND_ASCII = /[^\t\n\r\u0020-\u007e]/;
/** True when every word `re` requires (of any length) holds a character beyond printable ASCII (a text of which only controls are beyond it is tested). */
function needsNonAscii(re: RegExp): boolean {
  const words = requiredWords(re, false, 1);
  return words !== null && words.length > 0 && words.every((w) => BEYOND_ASCII.test(w));
}
/** Each pattern's required words, read once (a pattern is in several combinations of lists). */
const REQUIRED = new WeakMap<RegExp, string[] | null>();
function indexOf(lists: readonly PhraseList[]): PhraseIndex {
  let idx = INDEXES.get(lists);
  if (!idx) {
    const built: PhraseIndex = {
      byKey: new Map(),
      first3: new Uint8Array(FIRST3_MASK + 1),
      patterns: lists.map(() => []),
      words: lists.map(() => []),
      seen: new Uint8Array(0),
    };
    const add = (p: string, list: number): void => {
      built.first3[first3Of(p)] = 1;
      const key = keyAt(p, 0);
      let at = built.byKey.get(key);
      if (!at) built.byKey.set(key, (at = { lists: [], phrases: [] }));
      at.lists.push(list);
      at.phrases.push(p);
    };
    let words = 0;
    lists.forEach((list, i) => {
      for (const [p] of list.phrases) {
        if (typeof p === 'string' && p.length >= KEY) {
          add(p, i);
          continue;
        }
        const re = typeof p === 'string' ? new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : p;
        let required = REQUIRED.get(re);
        if (required === undefined) REQUIRED.set(re, (required = requiredWords(re, false, KEY)));
        built.patterns[i]!.push(re);
        built.words[i]!.push(required !== null ? words : needsNonAscii(re) ? NON_ASCII_ONLY : -1);
        if (required !== null) {
          for (const w of required) add(w, -1 - words);
          words++;
        }
      }
    });
    built.seen = new Uint8Array(words);
    idx = built;
    INDEXES.set(lists, idx);
  }
  return idx;
}

/** Status codes whose meaning no diagnostic text can change (RFC 3463/7372 are explicit). */
const DECISIVE = new Set<Reason>(['authfailure', 'requireptr', 'speeding']);
/** The broad vocabulary: compound wordings first, then the sender's side, then the recipient's. */
const BROAD: readonly PhraseList[] = [...COMPOUND_PHRASES, ...SENDER_BROAD, ...RECIPIENT_PHRASES];
/**
 * Reasons that condemn an address or a domain: a code for them is often a server's default
 * (Sendmail's 5.1.1, Postfix's 5.4.4 for any DNS failure), so it yields to a phrase naming another cause.
 */
const CONDEMNING = new Set<Reason>(['userunknown', 'hasmoved', 'hostunknown']);
/**
 * Statuses that name only a class of failure (RFC 3463's network, system and security details, a full or
 * congested mail system, and a delivery time that ran out): a phrase may say more ("421 4.3.1 You send too
 * many messages" is a rate limit of the sender, not the receiver's full disk).
 */
const BROAD_CLASS = new Set<Reason>(['networkerror', 'systemerror', 'systemfull', 'securityerror', 'expired']);
/** The local system's own directory lookup said the address does not exist: sure, whichever command it answered. */
const DIRECTORY_LOOKUP: readonly PhraseList[] = [...OVERRIDE_PHRASES, ...COMPOUND_PHRASES];
/**
 * Reasons about a mailbox's or a domain's existence: at MAIL FROM they are the sender's. So is a domain that
 * takes no mail there (RFC 7505 4.2: a server may refuse a MAIL FROM whose domain has a null MX; Yahoo's "No MX
 * record found for domain=" checks the sender's domain).
 */
const SENDER_REFUSAL = new Set<Reason>(['userunknown', 'hasmoved', 'suspend', 'hostunknown', 'notaccept']);
/**
 * Reasons about a recipient or a message's content: at the greeting or HELO neither was sent yet. An
 * unknown host or domain there is the connecting host's own name (Sendmail's "501 5.0.0 Invalid domain
 * name" to HELO): the recipient's domain answered, so it exists.
 */
const NOT_YET_SENT = new Set<Reason>([
  'userunknown',
  'hostunknown',
  'hasmoved',
  'suspend',
  'mailboxfull',
  'filtered',
  'exceedlimit',
  'mesgtoobig',
  'contenterror',
  'spamdetected',
  'virusdetected',
  'notcompliantrfc',
]);
/** Greylisting's own words (phrases-recipient.ts, `expired`): a cause, where the other delay wordings name none. */
const GREYLISTED = /gr[ae]y-?list|not yet authorized to deliver/;
/** Reasons a "time ran out" wording may claim. */
const DELAY_REASONS = new Set<Reason>(['expired']);

/**
 * A Status made of the reply code's own digits ("552 Mailbox full" reported as 5.5.2, "550 No such user"
 * as 5.5.0) where the reply carried no enhanced code: Stalwart's DSN writes such a status (code / 100,
 * (code / 10) % 10, code % 10). It is no RFC 3463 X.5.x protocol error, only the reply code again, so
 * it is read as the class alone (X.0.0) and the words decide. A 55x / 45x reply is never a protocol
 * reply (500-504 are), so a real X.5.x status does not look like this.
 */
function echoesReplyCode(e: Evidence): boolean {
  const r = e.replyCode;
  const s = e.status;
  return (
    r.length === 3 &&
    r.charCodeAt(1) === 0x35 &&
    s.length === 5 &&
    s[0] === r[0] &&
    s[2] === '5' &&
    s[4] === r[2] &&
    !e.diagnostic.includes(s)
  );
}

const ANY_ENHANCED = /\b[245]\.\d{1,3}\.\d{1,3}\b/;
/** A Status Sendmail translated from a reply that carried no enhanced code (`SMTP_TO_DSN`): the words decide. */
function translatedReplyCode(e: Evidence): boolean {
  return SMTP_TO_DSN[e.replyCode] === e.status && !ANY_ENHANCED.test(e.diagnostic);
}

export function classify(evidence: Evidence): Verdict {
  const e = echoesReplyCode(evidence) || translatedReplyCode(evidence) ? { ...evidence, status: `${evidence.status[0]}.0.0` } : evidence;
  const v = decide(e);
  // A delay with no known cause, or a delay notice (the MTA keeps the message and says so) whose cause
  // is only a failing connection or system, is read as the delay class `expired`, as the reference
  // parsers read it; a precise status or a named cause (rate limit, blocklist, full mailbox) stays.
  // A delay changes no address whatever its reason (docs/reasons.md).
  if (
    e.action === 'delayed' &&
    !e.hint &&
    !(reasonOfStatus(e.status) && !isVagueStatus(e.status)) &&
    (v.reason === 'onhold' ||
      v.reason === 'undefined' ||
      (RETRIED_CAUSES.has(v.reason) && (DELAY_NOTICE.test(e.diagnostic) || (!v.sure && isVagueStatus(e.status)))))
  ) {
    return { reason: 'expired', sure: v.sure };
  }
  // "User unknown" is only a dead address when the recipient itself was refused: said by
  // the status (X.1.x), or answered to RCPT TO. After DATA, or with no sign of which
  // command, it is a filter speaking (and a wrong "hard" would drop a good address).
  if (
    v.reason === 'userunknown' &&
    !e.hint &&
    // A program's EX_NOUSER is its own lookup of the recipient, at no SMTP step.
    !e.program &&
    !/^[45]\.1\./.test(e.status) &&
    e.command !== 'RCPT' &&
    e.command !== 'MAIL' &&
    // Before MAIL FROM it is neither: the rule below reads it as the connecting host refused.
    e.command !== 'CONN' &&
    e.command !== 'HELO' &&
    matchPhrases(normalizeForPhrases(e.diagnostic), DIRECTORY_LOOKUP) !== 'userunknown'
  ) {
    return { reason: 'filtered', sure: v.sure };
  }
  // Refused at the connection or at HELO/EHLO, before any sender, recipient or content was sent: a
  // verdict about a mailbox or a message cannot be what the server meant ("554 ... daily relay quota"
  // is no full mailbox); it refused the connecting host (RFC 5321, 3.1: a 554 greeting).
  if ((e.command === 'CONN' || e.command === 'HELO') && !e.hint && NOT_YET_SENT.has(v.reason)) return { reason: 'blocked', sure: v.sure };
  // A program's system words ("I/O error", "local configuration error", X.3.5, sysexits' EX_IOERR, EX_CONFIG,
  // EX_OSFILE, EX_CANTCREAT) are the program's failure, not the receiving system's.
  if (e.program && !e.hint && v.reason === 'systemerror') return { reason: 'mailererror', sure: v.sure };
  // Refused at MAIL FROM, before any recipient was named: "unknown", "disabled", "no such domain" or "does
  // not accept mail" there is said of the sender (a sender check), never of the recipient.
  if (e.command === 'MAIL' && !e.hint && SENDER_REFUSAL.has(v.reason)) return { reason: 'rejected', sure: v.sure };
  // A temporary timeout on a failed recipient: the MTA gave up retrying.
  // A program that kept exiting EX_TEMPFAIL (Sendmail's "Deferred: prog mailer exited with EX_TEMPFAIL") expired too.
  // A family's own verdict stands (qmail's "couldn't establish an SMTP connection" is its network error).
  if (
    !e.hint &&
    e.action === 'failed' &&
    /^4\.(?:4\.1|4\.7|0\.0)$/.test(e.status) &&
    (v.reason === 'networkerror' || v.reason === 'undefined' || (v.reason === 'mailererror' && e.status === '4.4.7'))
  ) {
    return { reason: 'expired', sure: v.sure };
  }
  // A failed recipient whose only cause is a connection that never worked (a timeout, a refused or
  // unreachable host) and no permanent code: such failures are retried, so the queue's time ran out.
  if (
    !e.hint &&
    e.action === 'failed' &&
    v.reason === 'networkerror' &&
    !e.status.startsWith('5') &&
    TRANSIENT_NETWORK.test(e.diagnostic)
  ) {
    return { reason: 'expired', sure: v.sure };
  }
  return v;
}

/**
 * An MTA's own words for a message it still holds and will retry: Sendmail's "message still undelivered
 * after N hours / Will keep trying", Postfix's "delivery will continue to be tried", Exim's "Delivery attempts
 * will continue", Exchange's "Delivery has been delayed", "will be retried for N more day(s)".
 */
const RETRIED_CAUSES = new Set<Reason>(['networkerror', 'systemerror']);
const DELAY_NOTICE =
  /still undelivered|keep trying|will continue to be (?:tried|made)|attempts will continue|(?:has been|is) delayed|will be retried|will retry|not yet been delivered/i;

/** Network failures an MTA retries (never a loop, which is a configuration fault). */
const TRANSIENT_NETWORK = /timed? ?out|connection refused|unreachable|no route to host|could not connect|establish an smtp connection/i;

/**
 * A delivery program's exit status as its MTA words it with the number (Postfix's "Command died with status 67",
 * Sendmail's "unknown mailer error 67", Exim's "transport returned 67", other local agents' "exited with status 67"
 * / "exit status 67"). Of sysexits.h's classes only EX_NOUSER (67) and EX_NOHOST (68) name the recipient (Postfix's
 * sys_exits.c and Sendmail's SysExMsg map them to 5.1.1 and 5.1.2); every other status is the program's own
 * failure, `mailererror` (docs/parser-generalisation.md, "Perturbation and transplant over the fixtures").
 */
const EXIT_STATUS = /\b(?:died with status|mailer error|transport returned|exited with status|exit (?:status|code))\s*:?\s*(6[78])\b/;

function decide(e: Evidence): Verdict {
  if (e.action === 'delivered' || e.action === 'relayed' || e.action === 'expanded') return { reason: 'delivered', sure: true };
  if (e.hint) return { reason: e.hint, sure: true };
  const exited = e.program ? EXIT_STATUS.exec(e.diagnostic.toLowerCase())?.[1] : undefined;
  if (exited) return { reason: exited === '67' ? 'userunknown' : 'hostunknown', sure: true };
  // A success (RFC 3463 class 2, with a 2xx reply or none) names no failure, whatever Action the layout wrote.
  if (e.status[0] === '2' && (!e.replyCode || e.replyCode[0] === '2')) return { reason: 'delivered', sure: true };
  const text = normalizeForPhrases(e.diagnostic);
  const byStatus = reasonOfStatus(e.status);
  if (byStatus && DECISIVE.has(byStatus)) return { reason: byStatus, sure: true };
  const override = matchPhrases(text, OVERRIDE_PHRASES);
  if (override) return { reason: override, sure: true };
  const vague = isVagueStatus(e.status);
  if (byStatus && !vague) {
    // Most reports end here: the vocabulary is read only where a phrase may still decide.
    const yields = CONDEMNING.has(byStatus) || byStatus === 'suspend' || byStatus === 'syntaxerror' || BROAD_CLASS.has(byStatus);
    const phrase = yields ? matchPhrases(text, BROAD) : null;
    // A code that names only a broad class (a network, system or security status) beside a text that
    // names the cause ("5.4.6 ... too many Received headers", "5.7.9 ... header error"): the text says
    // more. Never a dead address on the text alone: that needs its own code.
    if (BROAD_CLASS.has(byStatus) && phrase && phrase !== byStatus && !DELAY_REASONS.has(phrase) && !CONDEMNING.has(phrase))
      return { reason: phrase, sure: true };
    // A dead-address code beside a text that names another cause ("5.1.1 ... mailbox full",
    // "5.1.1 relaying denied"): the text is the server's own words, the code its lazy default.
    if (CONDEMNING.has(byStatus) && phrase && phrase !== byStatus && !DELAY_REASONS.has(phrase)) return { reason: phrase, sure: true };
    // A time that ran out does not beat it (the MTA gave up on a dead address), but greylisting names why
    // every attempt was deferred (Postgrey's, greylistd's texts behind a policy server's default code).
    if (CONDEMNING.has(byStatus) && phrase === 'expired' && GREYLISTED.test(text)) return { reason: phrase, sure: true };
    // X.2.1 "mailbox disabled" is also Sendmail's and others' default for a refused mailbox: a text
    // that says the user is unknown decides (and is a dead address only when RCPT TO was refused).
    // So do words that refuse the message rather than the mailbox (AOL's "521 5.2.1 : AOL will not accept delivery
    // of this message", phrases-recipient.ts): nothing says the mailbox is closed, so no hard `suspend`.
    if (byStatus === 'suspend' && (phrase === 'userunknown' || phrase === 'filtered')) return { reason: phrase, sure: true };
    // X.5.2 beside words that refuse the connecting host: Postfix's HELO checks (reject_non_fqdn_helo_hostname,
    // reject_invalid_helo_hostname: "504 5.5.2 <name>: Helo command rejected: need fully-qualified hostname") refuse
    // the client by its HELO name, `blocked` as for the same check's 4.7.1 and as the reference reads the words
    // first. A sender's argument refused with X.5.x ("Sender address rejected: need fully-qualified address") stays
    // the syntax error.
    if (byStatus === 'syntaxerror' && phrase === 'blocked') return { reason: phrase, sure: true };
    return { reason: byStatus, sure: true };
  }
  const phrase = matchPhrases(text, BROAD);
  if (phrase) return { reason: phrase, sure: true };
  // A program's exit status ("X-Unix; 71") read as a 5.5.0 / 4.5.0 is no protocol error.
  if (e.program) return { reason: 'mailererror', sure: true };
  if (e.command === 'CONN' || e.command === 'HELO') return { reason: 'blocked', sure: false };
  if (e.command === 'MAIL') return { reason: 'rejected', sure: false };
  // A failed recipient whose only cause is a generic temporary code ("4.0.0 Temporary failure",
  // "4.3.0 ... try again later"): nothing says what kept failing. Onhold changes no address,
  // where a guessed systemerror would count a soft error against it.
  if (e.action === 'failed' && /^4\.(?:0\.0|3\.0)$/.test(e.status)) return { reason: 'onhold', sure: false };
  if (byStatus) return { reason: byStatus, sure: false };
  const weak = matchPhrases(text, WEAK_PHRASES);
  if (weak) return { reason: weak, sure: false };
  const byReply = reasonOfReply(e.replyCode);
  if (byReply) return { reason: byReply, sure: false };
  // Nothing known matched: no guess. A delay is not "expired" unless a text says time ran out.
  // onhold when a server's answer was written that nothing here knows (a person may read it),
  // undefined when there is none (a notice's own boilerplate is no answer).
  return { reason: e.action === 'delayed' || e.replyCode !== '' ? 'onhold' : 'undefined', sure: false };
}

/**
 * An e-mail address in lower-cased text: a local part of RFC 5322's atom characters and dots (not "/", "=" or "?",
 * so that a URL's query, "why.html?sender=a@b", stays), then a domain.
 */
const ADDRESS_IN_TEXT = /[a-z0-9!#$%&'*+^_`{|}~.-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+/g;

/**
 * Lower case, multi-line SMTP replies joined ("550-5.7.1 foo 550 5.7.1 bar" →
 * "foo bar"), and MTA wording that is not the remote's ("delivery temporarily
 * suspended:") removed, so that phrases match across line breaks.
 */
export function normalizeForPhrases(diagnostic: string): string {
  // The cause is stated early; a pasted transcript's tail only costs time.
  const head = diagnostic.slice(0, 3000);
  const lower = (head.includes('\\') ? decodeOctalEscapes(head) : head).toLowerCase();
  // An address the reply names is a name too: "<spam@example.org>... User unknown", "<info@antispam.example>",
  // "abuse-rbl@", "dmarc@" say nothing of the cause. Its shape stays ("<x@x.x> not found"). The pattern
  // starts at every position: only run where there is an "@".
  return (
    (lower.includes('@') ? lower.replace(ADDRESS_IN_TEXT, 'x@x.x') : lower)
      .replace(/delivery temporarily suspended:/g, ' ')
      // The reporting MTA's own name for the host it spoke to ("host mx1.spamtitan.com[192.0.2.1] said:",
      // Postfix; "... refused to talk to me:"): a name, not the remote's words. Filtering services name their
      // hosts for what they do (spamtitan.com, antispamcloud.com, spamexperts.com), and "spam" there is no verdict.
      .replace(/\bhost [a-z0-9][a-z0-9.-]*\.[a-z0-9-]+\.?\s?\[[0-9a-f.:]+\](?= said:| refused to talk to me:)/g, 'host #host#')
      // Transcript markers ("<<< 550 ...", ">>> DATA"; Courier writes its remote's and its own answers so).
      .replace(/(^|\s)(?:<<<|>>>)\s+/g, '$1')
      // Amazon SES's own label before the remote's reply ("5.1.0 - Unknown address error 550-'...'").
      .replace(/^[245]\.\d\.\d{1,3} - [a-z ]{0,40}error (?=[245]\d\d[- ]')/, '')
      .replace(/(^|\s)[245]\d\d[- ](?:[245]\.\d{1,3}\.\d{1,3}\s)?/g, '$1')
      .replace(/\s+/g, ' ')
  );
}

const OCTAL_RUN = /(?:\\[0-3][0-7]{2})+/g;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A remote's 8-bit reply as Exim writes it in its bounce and DSN: every byte outside printable ASCII as a
 * backslash and three octal digits (its string_printing(): "552 Buz\303\263n lleno", "550 \347\224\250...").
 * A run of such escapes that spells UTF-8 is read as the text it spells, so that the words of a reply in
 * another language still decide (docs/parser-generalisation.md, "Third capture set"); any other run stays.
 */
export function decodeOctalEscapes(text: string): string {
  return text.replace(OCTAL_RUN, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split('\\'), (o) => parseInt(o, 8));
    if (!bytes.some((b) => b >= 0x80)) return run;
    try {
      return UTF8.decode(bytes);
    } catch {
      return run;
    }
  });
}

const FOR_A_WHILE = /\btemporar(?:il)?y\b|\bfor now\b|\btry (?:again )?later\b/i;

/**
 * True when the failure is stated as permanent (5xx), which makes "suspend" hard. A 5xx whose words say the
 * account is closed only for a while ("mailbox temporarily disabled", "account temporarily suspended / locked",
 * "try again later"; ISPs' and hosting panels' lock of an account under review or over a limit) is not "for
 * good" (docs/reasons.md): the address stays soft.
 */
export function isPermanent(status: string, replyCode: string, diagnostic = ''): boolean {
  return (status.startsWith('5') || replyCode.startsWith('5')) && !FOR_A_WHILE.test(diagnostic);
}
