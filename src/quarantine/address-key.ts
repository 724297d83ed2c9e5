// The compared form of an address (docs/states-and-policy.md), per channel:
// - email: the domain is always case-insensitive, the local part too unless
//   configured otherwise (the anchor system compares case-sensitively: a trap);
// - sms: a phone number in E.164 (+ and 7 to 15 digits), whatever the spacing;
// - push: the device token as given (tokens are case-sensitive), trimmed.
import { domainToUnicode } from 'node:url';
import type { Channel } from './state.js';

export interface KeyOptions {
  caseSensitiveLocalPart: boolean;
  /** Calling code (e.g. "33") for national numbers such as "06 12 34 56 78"; unset: such numbers are invalid. */
  defaultCallingCode?: string;
}

export function cleanEmail(address: string): string {
  return address
    .trim()
    .replace(/^<+|>+$/g, '')
    .replace(/^(?:rfc822|smtp);\s*/i, '')
    .trim();
}

/**
 * The compared form of a domain: an IDN written as A-labels (xn--) or U-labels is
 * one domain, so both become lower-case Unicode in NFC; the address keeps the
 * domain as the sender wrote it (docs/security.md).
 */
export function normalDomain(domain: string): string {
  const d = domain.normalize('NFC').toLowerCase();
  // eslint-disable-next-line no-control-regex -- ASCII is exactly 0x00-0x7f
  if (!/^[\x00-\x7f]*$/.test(d) || d.includes('xn--')) return domainToUnicode(d) || d;
  return d;
}

export function emailDomain(address: string): string | null {
  const at = address.lastIndexOf('@');
  return at > 0 && at < address.length - 1 ? normalDomain(address.slice(at + 1)) : null;
}

/** A phone number in E.164, or null when it cannot be one. */
export function normalizePhone(raw: string, defaultCallingCode?: string): string | null {
  let s = raw
    .trim()
    .replace(/^tel:/i, '')
    .replace(/[\s\-.()/\u00a0]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  else if (!s.startsWith('+')) {
    // A national number: the trunk prefix 0 goes, the calling code comes in front.
    if (!defaultCallingCode || !/^\d+$/.test(defaultCallingCode)) return null;
    s = `+${defaultCallingCode}${s.replace(/^0/, '')}`;
  }
  return /^\+[1-9]\d{6,14}$/.test(s) ? s : null;
}

// Printable ASCII but for space, ';', '<' and '>': nothing for cleanEmail to strip, nothing for NFC
// to change, and (without an xn-- label) a domain normalDomain only lower-cases.
const PLAIN = /^[!-:=?-~]+$/;
const PUNYCODE = /xn--/i;

export function addressKey(channel: Channel, address: string, opts: KeyOptions): string {
  if (channel === 'sms') return normalizePhone(address, opts.defaultCallingCode) ?? address.trim();
  if (channel === 'push') return address.trim();
  // The common case, taken without the general path's regex replaces and normalization:
  // the bulk check computes 100,000 keys per request (docs/api.md). Same key as emailKey.
  if (PLAIN.test(address) && !PUNYCODE.test(address)) {
    if (!opts.caseSensitiveLocalPart) return address.toLowerCase();
    const at = address.lastIndexOf('@');
    return at < 0 ? address : `${address.slice(0, at)}@${address.slice(at + 1).toLowerCase()}`;
  }
  return emailKey(address, opts);
}

/** The compared form of any email address: the general path of addressKey. */
export function emailKey(address: string, opts: KeyOptions): string {
  const clean = cleanEmail(address);
  const at = clean.lastIndexOf('@');
  if (at < 0) return opts.caseSensitiveLocalPart ? clean : clean.toLowerCase();
  const local = clean.slice(0, at).normalize('NFC');
  return `${opts.caseSensitiveLocalPart ? local : local.toLowerCase()}@${normalDomain(clean.slice(at + 1))}`;
}

export type ParsedAddress =
  { ok: true; channel: Channel; key: string; address: string; domain: string | null } | { ok: false; error: string };

/** Checks an address typed by an operator or read from a file, and gives its key. */
export function parseAddress(channel: Channel, raw: string, opts: KeyOptions): ParsedAddress {
  if (channel === 'sms') {
    const phone = normalizePhone(raw, opts.defaultCallingCode);
    if (!phone) return { ok: false, error: `"${raw}" is not a phone number in E.164 form (+ and 7 to 15 digits)` };
    return { ok: true, channel, key: phone, address: phone, domain: null };
  }
  if (channel === 'push') {
    const token = raw.trim();
    if (!token || /\s/.test(token) || token.length > 4096) return { ok: false, error: `"${raw}" is not a push token` };
    return { ok: true, channel, key: token, address: token, domain: null };
  }
  const address = cleanEmail(raw);
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) return { ok: false, error: `"${raw}" is not an email address` };
  return { ok: true, channel, key: addressKey('email', address, opts), address, domain: emailDomain(address) };
}
