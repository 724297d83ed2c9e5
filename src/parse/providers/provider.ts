// Receiving providers that publish their own error codes (Orange's "OFR_506",
// Spectrum's "AUP#I-1310", ...): when the remote server is one of them, its
// code says more than the generic status or wording. The remote host comes
// from Remote-MTA, from "host mx.example.org[...] said:", or failing both from
// the recipient's domain.
import type { Reason } from '../../domain/reasons.js';
import type { SmtpCommand } from '../classify.js';

export interface RemoteAnswer {
  /** The remote host, lower case ("" when the bounce does not say). */
  host: string;
  /** The recipient's domain, lower case. */
  domain: string;
  status: string;
  replyCode: string;
  command: SmtpCommand;
  /** The diagnostic, lower case. */
  text: string;
}

export interface Provider {
  name: string;
  /** Is this answer from this provider (by host, domain or a code only it writes)? */
  is(a: RemoteAnswer): boolean;
  /**
   * The provider's verdict: a reason, 'undefined' when its code is documented as
   * saying nothing ("service refused, please try later"), or null when it does not know.
   */
  reason(a: RemoteAnswer): Reason | null;
}

/** True when `host` is `domain` or one of its subdomains. */
export function under(host: string, domains: readonly string[]): boolean {
  // By position, not host.endsWith('.' + d): this runs for every provider and recipient.
  // hot: baseline code, see docs/parser-generalisation.md, Speed (a module-level list, not a rest
  // parameter made per call; an indexed loop, not an iterator).
  if (host === '') return false;
  for (let i = 0; i < domains.length; i++) {
    const d = domains[i]!;
    if (host === d) return true;
    const at = host.length - d.length - 1;
    if (at >= 0 && host.charCodeAt(at) === 0x2e && host.endsWith(d)) return true;
  }
  return false;
}

/**
 * A provider whose refusals end with a documented code that names the cause (EarthLink's "ELNK_105", SFR's
 * "SFR_IN_101"): known by its hosts or by the code's own form; the code's first group decides.
 */
export function codeProvider(name: string, hosts: readonly string[], code: RegExp, codes: Readonly<Record<string, Reason>>): Provider {
  return {
    name,
    is: (a) => under(a.host, hosts) || code.test(a.text),
    reason(a) {
      const m = code.exec(a.text);
      return m ? (codes[m[1] ?? ''] ?? null) : null;
    },
  };
}
