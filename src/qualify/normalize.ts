// Normalization of diagnostic texts (docs/reasons.md):
// the variable parts of an error (ids, dates, numbers, IPs, bracketed hosts,
// phone numbers) become `#xxx#` and email addresses become `*`, so that the
// same error given for two recipients, or on two days, is one text.
//
// SMTP reply codes and enhanced status codes are kept on purpose: they are not
// variable parts but the error's own identity ("550 5.1.1" vs "552 5.2.2"), and
// operators search texts by them.
import { createHash } from 'node:crypto';

export const VAR = '#xxx#';
/** Longer texts are cut before normalizing: the head of an error names it. */
export const MAX_TEXT = 1000;
/** Kept codes wait as private-use characters, which no pattern below matches. */
const HOLD = 0xe000;
const DIGIT = /\d/;

const EMAIL = /(?:"[^"\r\n]{1,64}"|[^\s<>()[\]"',;:@]{1,128})@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*/g;
const PROTO_PREFIX = /^(?:smtp|x-postfix|x-unix|x-local|mailbox|x-notes|x-exchange);\s*/i;
// Dates and times: ISO 8601, RFC 5322, and common log forms.
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g;
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\\s+';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?';
const RFC_DATE = new RegExp(
  `(?:${DAY})?\\b\\d{1,2}\\s+${MONTH}\\s+\\d{2,4}(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?(?:\\s*(?:[+-]\\d{4}|UTC|GMT|[A-Z]{3}))?`,
  'gi',
);
const TIME = /\b\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\b/g;
const SLASH_DATE = /\b\d{1,4}[/.]\d{1,2}[/.]\d{2,4}\b/g;
// Addresses of hosts: IPv6 (full or compressed), IPv4.
const IPV6 = /\b(?:[0-9A-Fa-f]{1,4}:){2,7}(?::|[0-9A-Fa-f]{1,4})(?::[0-9A-Fa-f]{1,4})*|::(?:[0-9A-Fa-f]{1,4}:?){1,7}/g;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
// Hosts in brackets, `[mx.example.com]`, `[IPv6:...]`, and Postfix's `host mx.example.com[1.2.3.4]`.
const BRACKETED = /\[[^\]\s]*[.:\d][^\]\s]*\]/g;
const HOST_BEFORE_BRACKET = /\b[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,}(?=\[)/g;
// International and national phone numbers: +33 6 12 34 56 78, (555) 123-4567, +1-555-123-4567.
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){2,5}\b/g;
// A token with a digit in it is an id, a queue id, a host name of a farm (mx12): all variable.
const ID_TOKEN = /[A-Za-z0-9_.=+/-]*\d[A-Za-z0-9_.=+/-]*/g;
// Long runs of hex or base64 without digits are ids too.
const LONG_ID = /\b[A-Za-z0-9+/=_-]{24,}\b/g;
// Codes kept as they are (see the header): enhanced status codes anywhere; a reply
// code at the start, after "said:", ":", ";" or "(", or just before a status code.
const STATUS_CODE = /(?<![\w.])[245]\.\d{1,3}\.\d{1,3}(?![\w.])/g;
const REPLY_CODE = /(^|[:;(]\s?|said:?\s|\s)([245]\d\d)(?=([ -]|$))/gi;

/** Normalizes one diagnostic text. Pure and total: any string in, a string out. */
export function normalizeText(input: string): string {
  let s = input.slice(0, MAX_TEXT).replace(/\s+/g, ' ').trim().replace(PROTO_PREFIX, '');
  // Each pass is skipped when the text lacks what it looks for: this runs for every recipient of every bounce.
  if (s.includes('@')) s = s.replace(EMAIL, '*');

  // Codes are swapped for placeholders so the number rules below leave them alone.
  const kept: string[] = [];
  const hold = (code: string): string => String.fromCharCode(HOLD + kept.push(code) - 1);
  s = s.replace(STATUS_CODE, hold);
  s = s.replace(REPLY_CODE, (all, before: string, code: string, _sep: string, at: number, whole: string) => {
    const after = whole.slice(at + all.length);
    const isReply = at === 0 || before.trim() !== '' || /^[ -][\uE000-\uF8FF]/.test(after);
    return isReply ? before + hold(code) : all;
  });

  if (s.includes('[')) s = s.replace(HOST_BEFORE_BRACKET, VAR).replace(BRACKETED, `[${VAR}]`);
  if (DIGIT.test(s)) {
    s = s.replace(ISO_DATE, VAR).replace(RFC_DATE, VAR).replace(SLASH_DATE, VAR);
    if (s.includes(':')) s = s.replace(TIME, VAR);
    s = s.replace(IPV4, VAR);
    if (s.includes(':')) s = s.replace(IPV6, (m) => (DIGIT.test(m) || m.length > 4 ? VAR : m));
    s = s.replace(PHONE, VAR).replace(ID_TOKEN, trimId);
  }
  s = s.replace(LONG_ID, (m) => (/[a-z]/.test(m) && /[A-Z]/.test(m) ? VAR : m));

  // Runs of variable parts collapse into one: "id #1 #2" and "id #1" are the same error.
  s = s.replace(/#xxx#(?:[\s\-:.,/]*#xxx#)+/g, VAR);
  if (kept.length > 0) s = s.replace(/[\uE000-\uF8FF]/g, (c) => kept[c.charCodeAt(0) - HOLD] ?? '');
  return s.replace(/\s+/g, ' ').trim();
}

/** An id token keeps its trailing sentence punctuation: "id 12345." → "#xxx#." */
function trimId(token: string): string {
  const m = /^(.*?)([.,;:/-]*)$/.exec(token);
  const core = m?.[1] ?? token;
  return /\d/.test(core) ? VAR + (m?.[2] ?? '') : token;
}

/** Short stable key of a normalized text: what events carry and the log is keyed by (md5, as in SQL). */
export function textKey(normalized: string): string {
  return createHash('md5').update(normalized, 'utf8').digest('hex');
}
