// Feedback-loop reports trusted by their DKIM signature (docs/security.md): a
// complaint whose VERP token does not verify still counts when a mailbox
// provider named in `verp.fblDkimDomains` signed it. The signature is checked by
// mailauth; a signature limited to part of the body (l=) could carry an appended
// forged report and is not trusted.
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import type { DNSResolver } from 'mailauth';

export type { DNSResolver };

/** The trusted domain that signed `body` (pass, whole body), or null. */
export async function trustedFblSigner(body: Buffer, domains: readonly string[], resolver?: DNSResolver): Promise<string | null> {
  if (domains.length === 0) return null;
  const wanted = domains.map((d) => d.toLowerCase().replace(/\.$/, ''));
  const result = await dkimVerify(body, resolver ? { resolver } : {});
  for (const r of result.results) {
    const domain = (r.signingDomain ?? '').toLowerCase();
    if (r.status.result !== 'pass' || r.canonBodyLengthLimited) continue;
    if (wanted.some((w) => domain === w || domain.endsWith(`.${w}`))) return domain;
  }
  return null;
}
