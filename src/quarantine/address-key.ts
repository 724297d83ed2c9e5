// The compared form of an address (SPEC §5): email domains are always
// case-insensitive, local parts too unless configured otherwise.
import type { Channel } from './state.js';

export interface KeyOptions {
  caseSensitiveLocalPart: boolean;
}

export function cleanEmail(address: string): string {
  return address.trim().replace(/^<+|>+$/g, '').replace(/^(?:rfc822|smtp);\s*/i, '').trim();
}

export function emailDomain(address: string): string | null {
  const at = address.lastIndexOf('@');
  return at > 0 && at < address.length - 1 ? address.slice(at + 1).toLowerCase() : null;
}

export function addressKey(channel: Channel, address: string, opts: KeyOptions): string {
  if (channel !== 'email') return address.trim();
  const clean = cleanEmail(address);
  const at = clean.lastIndexOf('@');
  if (at < 0) return opts.caseSensitiveLocalPart ? clean : clean.toLowerCase();
  const local = clean.slice(0, at);
  return `${opts.caseSensitiveLocalPart ? local : local.toLowerCase()}@${clean.slice(at + 1).toLowerCase()}`;
}
