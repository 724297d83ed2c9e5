// Enhanced status codes (RFC 3463) and SMTP reply codes (RFC 5321): finding
// them in text, and what they say about the failure when they are precise.
import type { Reason } from '../domain/reasons.js';

const STATUS_RE = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)/;
const STATUS_RE_G = new RegExp(STATUS_RE.source, 'g');

/**
 * The first enhanced status code in a text, or "". `strict` reads a Status field
 * (code first, maybe a comment after); otherwise the code must not look like an
 * IP address or a version number.
 */
export function findStatus(text: string, strict: boolean): string {
  if (strict) {
    const m = /^\s*([245])\.(\d{1,3})\.(\d{1,3})/.exec(text);
    if (m) return `${m[1]}.${m[2]}.${m[3]}`;
    // "5.1.1" written as "551" or "5 1 1": not a status.
  }
  // exec from a restarted lastIndex, not matchAll (which copies the pattern on every call); STATUS_RE never matches empty.
  STATUS_RE_G.lastIndex = 0;
  for (let m = STATUS_RE_G.exec(text); m; m = STATUS_RE_G.exec(text)) {
    const at = m.index;
    const before = text.slice(Math.max(0, at - 12), at).toLowerCase();
    // Version numbers ("Exim 4.72", "8.14.4/8.14.4", "v5.0.2") are not statuses.
    if (/(?:version|exim|sendmail|postfix|v|\/)\s*$/.test(before)) continue;
    if (Number(m[2]) > 9) continue;
    return `${m[1]}.${m[2]}.${m[3]}`;
  }
  return '';
}

/** The SMTP reply code of a diagnostic ("550 5.1.1 ...", "host x said: 550-..."), or "". */
export function findReplyCode(text: string): string {
  const m =
    /^\s*(?:[a-z]+;\s*)?([245][0-5][0-9])(?:[ -]|$)/i.exec(text) ??
    /(?:said|says|reply|response|replied|error|status|code|answered|returned)\s*:?\s*\(?([245][0-5][0-9])(?:[ -]|$)/i.exec(text) ??
    // Exchange quotes the remote's answer as "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##".
    /(?:^|[\s:;(\]"'#])([45][0-5][0-9])[ -](?:[245]\.\d{1,3}\.\d{1,3}|#)/.exec(text) ??
    /(?:^|[\s:;\]])([45][0-5][0-9])[ -](?=[A-Za-z<])/.exec(text);
  return m ? (m[1] ?? '') : '';
}

/**
 * What an enhanced status code says, entry by entry from the registry's texts:
 * RFC 3463 (X.1.0-X.7.7), RFC 3886 (X.1.9), RFC 7505 (X.1.10, X.7.27),
 * RFC 4954 (X.5.6, X.7.8, X.7.9, X.7.11, X.7.12), RFC 5248 (X.7.10, X.7.13, X.7.14),
 * RFC 6531 (X.6.7-X.6.10), RFC 6710 (X.7.15, X.7.16), RFC 7293 (X.7.17-X.7.19),
 * RFC 7372 (X.7.20-X.7.26), X.7.28 (mail flood), RFC 8617 (X.7.29), RFC 8689 (X.7.30).
 * Codes that say nothing precise ("other or undefined ...") are in VAGUE below;
 * codes no reason fits (X.1.5 "destination address valid", X.3.6 "priority changed") are absent.
 */
const BY_STATUS: Record<string, Reason> = {
  'X.1.0': 'userunknown', // Other address status (vague)
  'X.1.1': 'userunknown', // Bad destination mailbox address
  'X.1.2': 'hostunknown', // Bad destination system address
  'X.1.3': 'userunknown', // Bad destination mailbox address syntax
  'X.1.4': 'filtered', // Destination mailbox address ambiguous: the address may exist
  'X.1.6': 'hasmoved', // Destination mailbox has moved, no forwarding address
  'X.1.7': 'rejected', // Bad sender's mailbox address syntax
  'X.1.8': 'rejected', // Bad sender's system address
  'X.1.9': 'systemerror', // Message relayed to non-compliant mailer
  'X.1.10': 'notaccept', // Recipient address has null MX
  'X.2.0': 'filtered', // Other or undefined mailbox status (vague)
  'X.2.1': 'suspend', // Mailbox disabled, not accepting messages
  'X.2.2': 'mailboxfull', // Mailbox full
  'X.2.3': 'exceedlimit', // Message length exceeds administrative limit
  'X.2.4': 'filtered', // Mailing list expansion problem
  'X.3.0': 'systemerror', // Other or undefined mail system status (vague)
  'X.3.1': 'systemfull', // Mail system full
  'X.3.2': 'notaccept', // System not accepting network messages
  'X.3.3': 'systemerror', // System not capable of selected features
  'X.3.4': 'mesgtoobig', // Message too big for system
  'X.3.5': 'systemerror', // System incorrectly configured
  'X.4.0': 'networkerror', // Other or undefined network or routing status (vague)
  'X.4.1': 'networkerror', // No answer from host
  'X.4.2': 'networkerror', // Bad connection
  'X.4.3': 'systemerror', // Directory server failure
  'X.4.4': 'hostunknown', // Unable to route (4.4.4: a lookup failed for now, see reasonOfStatus)
  'X.4.5': 'systemfull', // Mail system congestion
  'X.4.6': 'networkerror', // Routing loop detected
  'X.4.7': 'expired', // Delivery time expired
  // X.5.0 "Other or undefined protocol status": says nothing, no reason (vague).
  'X.5.1': 'syntaxerror', // Invalid command
  'X.5.2': 'syntaxerror', // Syntax error
  'X.5.3': 'exceedlimit', // Too many recipients
  'X.5.4': 'syntaxerror', // Invalid command arguments
  'X.5.5': 'syntaxerror', // Wrong protocol version
  'X.5.6': 'securityerror', // Authentication exchange line is too long
  'X.6.0': 'contenterror', // Other or undefined media error (vague)
  'X.6.1': 'contenterror', // Media not supported
  'X.6.2': 'contenterror', // Conversion required and prohibited
  'X.6.3': 'contenterror', // Conversion required but not supported
  'X.6.4': 'contenterror', // Conversion with loss performed
  'X.6.5': 'contenterror', // Conversion failed
  'X.6.6': 'contenterror', // Message content not available
  'X.6.7': 'contenterror', // Non-ASCII addresses not permitted for that sender/recipient
  'X.6.8': 'contenterror', // UTF-8 string reply is required, but not permitted by the client
  'X.6.9': 'contenterror', // UTF-8 header message cannot be transferred
  'X.6.10': 'contenterror', // UTF-8 string reply is required (duplicate registration of X.6.8)
  'X.7.0': 'securityerror', // Other or undefined security status (vague)
  'X.7.1': 'securityerror', // Delivery not authorized, message refused (vague: said for anything refused)
  'X.7.2': 'securityerror', // Mailing list expansion prohibited
  'X.7.3': 'securityerror', // Security conversion required but not possible
  'X.7.4': 'securityerror', // Security features not supported
  'X.7.5': 'securityerror', // Cryptographic failure
  'X.7.6': 'securityerror', // Cryptographic algorithm not supported
  'X.7.7': 'securityerror', // Message integrity failure
  'X.7.8': 'securityerror', // Authentication credentials invalid
  'X.7.9': 'securityerror', // Authentication mechanism is too weak
  'X.7.10': 'securityerror', // Encryption needed
  'X.7.11': 'securityerror', // Encryption required for requested authentication mechanism
  'X.7.12': 'securityerror', // A password transition is needed
  'X.7.13': 'suspend', // User account disabled
  'X.7.14': 'securityerror', // Trust relationship required
  'X.7.15': 'policyviolation', // Priority level is too low
  'X.7.16': 'mesgtoobig', // Message is too big for the specified priority
  'X.7.17': 'hasmoved', // Mailbox owner has changed
  'X.7.18': 'hasmoved', // Domain owner has changed
  'X.7.19': 'securityerror', // RRVS test cannot be completed
  'X.7.20': 'authfailure', // No passing DKIM signature found
  'X.7.21': 'authfailure', // No acceptable DKIM signature found
  'X.7.22': 'authfailure', // No valid author-matched DKIM signature found
  'X.7.23': 'authfailure', // SPF validation failed
  'X.7.24': 'authfailure', // SPF validation error
  'X.7.25': 'requireptr', // Reverse DNS validation failed
  'X.7.26': 'authfailure', // Multiple authentication checks failed
  'X.7.27': 'rejected', // Sender address has null MX: the sender's problem
  'X.7.28': 'speeding', // Mail flood detected
  'X.7.29': 'authfailure', // ARC validation failure
  'X.7.30': 'securityerror', // REQUIRETLS support required
};

/**
 * Codes too vague to beat a phrase or the SMTP command: the "other or undefined"
 * details, 4.4.0 / 5.0.0 style, and X.7.1 which servers write for any refusal.
 */
const VAGUE = new Set(['X.0.0', 'X.1.0', 'X.2.0', 'X.3.0', 'X.4.0', 'X.5.0', 'X.6.0', 'X.7.0', 'X.7.1']);

export function isVagueStatus(status: string): boolean {
  // A temporary X.3.2 says the system is not accepting mail now, not why (load, a rate, maintenance).
  // A permanent X.4.1 "no answer from host" is written by servers that did answer (Exchange Online's
  // 5.4.1 for a refused relay or recipient): the words beside it decide.
  return VAGUE.has('X' + status.slice(1)) || status === '4.3.2' || status === '5.4.1';
}

/** The reason a status code states on its own, or null when the code is generic or shared. */
export function reasonOfStatus(status: string): Reason | null {
  if (!status) return null;
  const key = 'X' + status.slice(1);
  const r = BY_STATUS[key];
  if (!r) return null;
  // A null MX (5.1.10) is permanent only. A 4.3.2 "not accepting network messages" is a passing
  // state of the remote system (RFC 3463: shutdown, excessive load, maintenance).
  if (key === 'X.3.2' && status[0] === '4') return 'systemerror';
  if (r === 'notaccept' && status[0] !== '5') return null;
  // 4.4.4: the route could not be found for now (a DNS lookup failed), not a missing host.
  if (key === 'X.4.4' && status[0] === '4') return 'networkerror';
  // 4.7.1 / 4.7.2: not authorized for now. What a server refuses for a while is the connecting host
  // (greylisting, a rate, its reputation); a refusal for good may be anything (X.7.1 stays vague).
  if ((key === 'X.7.1' || key === 'X.7.2') && status[0] === '4') return 'blocked';
  return r;
}

/**
 * Weak guesses from a bare SMTP reply code (RFC 5321 §4.2.3: 421 "service not available"; 521/556 RFC 7504; 530/534/535/538
 * RFC 4954; 454 RFC 3207), used only when nothing better is known. 550 and 554 say nothing
 * precise, and none of these makes a dead address: 553 "mailbox name not allowed" is also
 * written for refused relays and senders. Nor does 551 on its own: RFC 5321's "user not local; please try
 * <forward-path>" is read from its words (phrases-recipient.ts, `hasmoved`) or its X.1.6 status, and servers
 * also answer 551 for refused relays and policies ("551 5.7.1 Relaying denied"), where a bare code would make
 * a hard `hasmoved` of a refusal (docs/parser-generalisation.md, "Hard verdicts").
 */
const BY_REPLY: Record<string, Reason> = {
  '421': 'systemerror',
  '450': 'onhold',
  '451': 'systemerror',
  '452': 'systemfull',
  '454': 'securityerror',
  '500': 'syntaxerror',
  '501': 'syntaxerror',
  '502': 'syntaxerror',
  '503': 'syntaxerror',
  '504': 'syntaxerror',
  '521': 'notaccept',
  '530': 'securityerror',
  '534': 'securityerror',
  '535': 'securityerror',
  '538': 'securityerror',
  '552': 'mailboxfull',
  '556': 'notaccept',
};

export function reasonOfReply(code: string): Reason | null {
  return BY_REPLY[code] ?? null;
}

/** A status for texts that state none: the class from the reply code, the rest generic. */
export function statusFromReply(code: string): string {
  return code ? `${code[0]}.0.0` : '';
}

/**
 * A status for a recipient whose mail states none: the class (4 or 5) and a
 * detail from the reason, after the reference parser's convention "X.0.9NN",
 * so that such codes sort with, and never pass for, RFC 3463 ones. The numbers
 * are the reference's own (its SMTP::Status tables), so that a made-up status
 * reads the same in both: a reason with no temporary number there (a dead or
 * moved address, a refused relay, a message too big, a syntax error...) keeps
 * its permanent one when the failure is temporary, and a temporary filter is
 * 4.0.924 (docs/parser-generalisation.md, "Made-up statuses").
 */
const PSEUDO_PERMANENT: Partial<Record<Reason, string>> = {
  undefined: '900',
  onhold: '901',
  syntaxerror: '902',
  norelaying: '909',
  filtered: '910',
  userunknown: '911',
  hostunknown: '912',
  hasmoved: '916',
  rejected: '918',
  suspend: '921',
  mailboxfull: '922',
  exceedlimit: '923',
  systemerror: '930',
  systemfull: '931',
  notaccept: '932',
  mesgtoobig: '934',
  mailererror: '939',
  networkerror: '944',
  toomanyconn: '945',
  speeding: '946',
  expired: '947',
  contenterror: '960',
  securityerror: '970',
  blocked: '971',
  virusdetected: '971',
  authfailure: '972',
  policyviolation: '972',
  requireptr: '973',
  notcompliantrfc: '974',
  badreputation: '975',
  spamdetected: '980',
};
/** The reasons the reference gives a temporary number; all keep their permanent detail but a filter (924). */
const TEMPORARY_DETAIL: ReadonlyMap<Reason, string> = new Map<Reason, string>(
  (
    [
      'undefined',
      'onhold',
      'rejected',
      'mailboxfull',
      'systemerror',
      'systemfull',
      'notaccept',
      'networkerror',
      'toomanyconn',
      'speeding',
      'expired',
      'contenterror',
      'securityerror',
      'blocked',
      'authfailure',
      'requireptr',
      'notcompliantrfc',
      'badreputation',
      'spamdetected',
    ] as const
  )
    .map((r): [Reason, string] => [r, PSEUDO_PERMANENT[r] ?? ''])
    .concat([['filtered', '924']]),
);

export function pseudoStatus(reason: Reason, temporary: boolean): string {
  const soft = temporary ? TEMPORARY_DETAIL.get(reason) : undefined;
  if (soft) return `4.0.${soft}`;
  const hard = PSEUDO_PERMANENT[reason];
  return hard ? `5.0.${hard}` : '';
}

/**
 * Sendmail's smtptodsn() (util.c): the status it states for a reply that carried no enhanced code (the remote
 * did not offer ENHANCEDSTATUSCODES), from the reply code alone: RFC 821's meaning of each code, "552 Requested
 * mail action aborted: exceeded storage allocation" → 5.2.2. A remote's "552 Message size exceeds maximum
 * permitted" then stands beside a Status 5.2.2 that is only Sendmail's translation of 552, not the remote's
 * word: read as the class alone (X.0.0), the words decide (classify.ts), and the remote's own code in its text
 * (qmail's "(#5.3.4)") beats it (bounce.ts) (docs/parser-generalisation.md, "Third capture set").
 */
export const SMTP_TO_DSN: Readonly<Record<string, string>> = {
  '450': '4.2.0',
  '451': '4.3.0',
  '452': '4.3.1',
  '550': '5.2.0',
  '551': '5.1.6',
  '552': '5.2.2',
  '553': '5.1.3',
  '554': '5.0.0',
};

/** The status the remote server wrote beside its reply code ("552 5.2.2 ...", "550-'5.7.1 ..."), or "". */
export function remoteStatus(diagnostic: string): string {
  const m = /(?:^|[\s:(])[245]\d\d[ -]'?([245]\.\d{1,3}\.\d{1,3})(?![\d.])/.exec(diagnostic);
  return m?.[1] ?? '';
}

/**
 * The remote's answer a reporting MTA quotes inside its own words, whose own code comes first: the last
 * reply in angle brackets ("4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection
 * timed out>"), else a status in quotes ("554 5.0.0 Message rejected: '5.2.2 <a@b>: Mailbox is full'").
 * Amazon WorkMail writes both in its Diagnostic-Code.
 */
export function quotedAnswer(diagnostic: string): { status: string; replyCode: string } | null {
  const bracket = /<([245]\d\d)[ -]([245]\.\d{1,3}\.\d{1,3})\b[^<>]*>\s*$/.exec(diagnostic);
  if (bracket?.[1] && bracket[2]) return { replyCode: bracket[1], status: bracket[2] };
  const quoted = /["']([245]\.\d{1,3}\.\d{1,3})\b[^"']*["']/.exec(diagnostic)?.[1];
  return quoted ? { replyCode: '', status: quoted } : null;
}
