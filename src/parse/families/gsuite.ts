// Gmail / Google Workspace notices since 2015: a banner ("** Address not
// found **", "** Message not delivered **", "** Delivery incomplete **"),
// one sentence naming the recipient ("Your message wasn't delivered to a@b
// because ...", "There was a problem delivering your message to a@b.",
// "... hasn't been delivered to a@b ...") and the answer after "The
// response (from the remote server) was:". Google's own DNS failures are
// written "DNS Error: ..." (NXDOMAIN: no such domain; no relevant answers /
// SERVFAIL: the lookup failed).
import type { Reason } from '../../domain/reasons.js';
import type { Family, FamilyRecipient } from './family.js';
import { gated } from '../view.js';
import { findAddress } from '../address.js';
import { cutAtOriginal, withCodes } from '../text.js';

const BANNER = /^\s*\*\* (?:address not found|message not delivered|delivery incomplete|message blocked) \*\*\s*$/im;
const BANNER_GATE = gated(BANNER);
const NAMED =
  /(?:wasn't delivered to|problem delivering your message to|hasn't been delivered to|couldn't be delivered to)\s+<?([^\s<>]+@[^\s<>]+)/gi;

const DNS: ReadonlyArray<readonly [RegExp, Reason]> = [
  [/dns error: .*null mx/i, 'notaccept'],
  [/dns error: .*(?:responded with code nxdomain|domain name not found)/i, 'hostunknown'],
  [/dns error: .*(?:had no relevant answers|responded with code servfail)/i, 'networkerror'],
];

export const gsuite: Family = {
  name: 'gsuite',
  detect: (v) => BANNER_GATE.test(v) && /@(?:googlemail|google|gmail)\.com\b/i.test(v.msg.headers.get('from') ?? ''),
  read(v): FamilyRecipient[] {
    const text = cutAtOriginal(v.text);
    const response = /the response (?:from the remote server )?was:\s*([\s\S]*?)(?:\n\s*\n\s*\n|\n-{3,}|$)/i.exec(text)?.[1] ?? '';
    const diagnostic = response.replace(/\s+/g, ' ').trim();
    const delayed = /\*\* delivery incomplete \*\*/i.test(text);
    const hint = DNS.find(([re]) => re.test(diagnostic))?.[1] ?? null;
    const named = [...text.matchAll(NAMED)].map((m) => findAddress(m[1] ?? '')).filter((a) => a && !v.exclude.includes(a.toLowerCase()));
    const dsn = v.dsnParts.flatMap((p) => [...p.matchAll(/^final-recipient:\s*[^;\n]*;\s*(\S+)/gim)].map((m) => findAddress(m[1] ?? '')));
    const addresses = [...new Set([...named, ...dsn].filter(Boolean))];
    return addresses.map((a) => ({ ...withCodes(a, diagnostic), hint, action: delayed ? ('delayed' as const) : ('failed' as const) }));
  },
};
