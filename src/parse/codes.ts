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
  for (const m of text.matchAll(STATUS_RE_G)) {
    const at = m.index ?? 0;
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
    /(?:^|[\s:;(\]"'])([45][0-5][0-9])[ -](?:[245]\.\d{1,3}\.\d{1,3}|#)/.exec(text) ??
    /(?:^|[\s:;\]])([45][0-5][0-9])[ -](?=[A-Za-z<])/.exec(text);
  return m ? (m[1] ?? '') : '';
}

/** What a precise enhanced status code means. Codes that several reasons share are absent. */
const BY_STATUS: Record<string, Reason> = {
  'X.1.1': 'userunknown',
  'X.1.2': 'hostunknown',
  'X.1.3': 'userunknown',
  'X.1.4': 'userunknown',
  'X.1.5': 'userunknown',
  'X.1.6': 'hasmoved',
  'X.1.7': 'rejected',
  'X.1.8': 'rejected',
  'X.1.9': 'systemerror',
  'X.1.10': 'notaccept',
  'X.2.1': 'suspend',
  'X.2.2': 'mailboxfull',
  'X.2.3': 'exceedlimit',
  'X.2.4': 'mailererror',
  'X.3.0': 'systemerror',
  'X.3.1': 'systemfull',
  'X.3.2': 'toomanyconn',
  'X.3.3': 'systemerror',
  'X.3.4': 'mesgtoobig',
  'X.3.5': 'systemerror',
  'X.4.0': 'networkerror',
  'X.4.1': 'networkerror',
  'X.4.2': 'networkerror',
  'X.4.3': 'systemerror',
  'X.4.4': 'hostunknown',
  'X.4.5': 'toomanyconn',
  'X.4.6': 'networkerror',
  'X.4.7': 'expired',
  'X.5.0': 'syntaxerror',
  'X.5.1': 'syntaxerror',
  'X.5.2': 'syntaxerror',
  'X.5.3': 'exceedlimit',
  'X.5.4': 'syntaxerror',
  'X.5.5': 'syntaxerror',
  'X.5.6': 'syntaxerror',
  'X.6.0': 'contenterror',
  'X.6.1': 'contenterror',
  'X.6.2': 'contenterror',
  'X.6.3': 'contenterror',
  'X.6.4': 'contenterror',
  'X.6.5': 'contenterror',
  'X.6.6': 'contenterror',
  'X.6.7': 'contenterror',
  'X.6.8': 'contenterror',
  'X.6.9': 'contenterror',
  'X.6.10': 'contenterror',
  'X.7.0': 'securityerror',
  'X.7.1': 'securityerror',
  'X.7.2': 'policyviolation',
  'X.7.3': 'securityerror',
  'X.7.4': 'securityerror',
  'X.7.5': 'securityerror',
  'X.7.6': 'securityerror',
  'X.7.7': 'securityerror',
  'X.7.8': 'securityerror',
  'X.7.9': 'securityerror',
  'X.7.10': 'securityerror',
  'X.7.11': 'securityerror',
  'X.7.12': 'securityerror',
  'X.7.13': 'suspend',
  'X.7.14': 'securityerror',
  'X.7.15': 'securityerror',
  'X.7.16': 'mesgtoobig',
  'X.7.17': 'hasmoved',
  'X.7.18': 'hasmoved',
  'X.7.19': 'securityerror',
  'X.7.20': 'authfailure',
  'X.7.21': 'authfailure',
  'X.7.22': 'authfailure',
  'X.7.23': 'authfailure',
  'X.7.24': 'authfailure',
  'X.7.25': 'requireptr',
  'X.7.26': 'authfailure',
  'X.7.27': 'notaccept',
  'X.7.28': 'speeding',
  'X.7.29': 'authfailure',
  'X.7.30': 'securityerror',
};

/** Codes too vague to beat the SMTP command or even a generic phrase: used last. */
const VAGUE = new Set(['X.5.0', 'X.7.0', 'X.7.1', 'X.3.0', 'X.6.0']);

export function isVagueStatus(status: string): boolean {
  return VAGUE.has('X' + status.slice(1));
}

/** The reason a status code states on its own, or null when the code is generic or shared. */
export function reasonOfStatus(status: string): Reason | null {
  if (!status) return null;
  const key = 'X' + status.slice(1);
  const r = BY_STATUS[key];
  if (!r) return null;
  // 5.1.10 / 5.7.27 are null-MX: permanent only; a 4.x "not accepting" is something else.
  if (r === 'notaccept' && status[0] !== '5') return null;
  return r;
}

/** Weak guesses from a bare SMTP reply code, when nothing better is known. */
const BY_REPLY: Record<string, Reason> = {
  '421': 'toomanyconn',
  '450': 'onhold',
  '451': 'systemerror',
  '452': 'mailboxfull',
  '521': 'notaccept',
  '551': 'hasmoved',
  '552': 'mailboxfull',
  '553': 'userunknown',
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
 * so that such codes sort with, and never pass for, RFC 3463 ones.
 */
const PSEUDO: Partial<Record<Reason, string>> = {
  undefined: '900',
  onhold: '901',
  norelaying: '909',
  filtered: '910',
  userunknown: '911',
  hostunknown: '912',
  hasmoved: '916',
  rejected: '918',
  suspend: '921',
  mailboxfull: '922',
  exceedlimit: '923',
  notaccept: '932',
  systemerror: '930',
  systemfull: '931',
  mesgtoobig: '934',
  mailererror: '939',
  networkerror: '944',
  toomanyconn: '945',
  speeding: '946',
  expired: '947',
  contenterror: '960',
  securityerror: '970',
  blocked: '971',
  policyviolation: '972',
  requireptr: '973',
  authfailure: '974',
  badreputation: '975',
  notcompliantrfc: '976',
  syntaxerror: '977',
  spamdetected: '980',
  virusdetected: '981',
};

export function pseudoStatus(reason: Reason, temporary: boolean): string {
  const detail = PSEUDO[reason];
  return detail ? `${temporary ? '4' : '5'}.0.${detail}` : '';
}

/** The status the remote server wrote beside its reply code ("552 5.2.2 ...", "550-'5.7.1 ..."), or "". */
export function remoteStatus(diagnostic: string): string {
  const m = /(?:^|[\s:(])[245]\d\d[ -]'?([245]\.\d{1,3}\.\d{1,3})(?![\d.])/.exec(diagnostic);
  return m?.[1] ?? '';
}
