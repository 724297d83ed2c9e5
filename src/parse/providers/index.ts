// Which provider answered, and what its own code says.
import type { Reason } from '../../domain/reasons.js';
import type { Provider, RemoteAnswer } from './provider.js';
import { orange } from './orange.js';
import { spectrum } from './spectrum.js';
import { mimecast } from './mimecast.js';
import { docomo } from './docomo.js';
import { facebook } from './facebook.js';
import { godaddy } from './godaddy.js';
import { google } from './google.js';
import { microsoft } from './microsoft.js';
import { yahoo } from './yahoo.js';
import { apple } from './apple.js';
import { tencent } from './tencent.js';
import { kddi } from './kddi.js';
import { iua } from './iua.js';
import { cox } from './cox.js';
import { comcast } from './comcast.js';
import { proofpoint } from './proofpoint.js';
import { yandex } from './yandex.js';
import { mailru } from './mailru.js';
import { unitedInternet } from './unitedinternet.js';
import { netease } from './netease.js';
import { zoho } from './zoho.js';
import { free } from './free.js';
import { cloudflare } from './cloudflare.js';
import { messagelabs } from './messagelabs.js';
import { att } from './att.js';
import { earthlink } from './earthlink.js';
import { sfr } from './sfr.js';

export type { RemoteAnswer } from './provider.js';

const PROVIDERS: readonly Provider[] = [
  orange,
  cox,
  spectrum,
  mimecast,
  docomo,
  facebook,
  godaddy,
  google,
  microsoft,
  yahoo,
  apple,
  tencent,
  kddi,
  iua,
  comcast,
  proofpoint,
  yandex,
  mailru,
  unitedInternet,
  netease,
  zoho,
  free,
  cloudflare,
  messagelabs,
  att,
  earthlink,
  sfr,
];

/** "host mx.example.org[192.0.2.1] said:", "host mx.example.org [192.0.2.1]:", "while talking to mx.example.org.:". */
// A host name has a dot: "Remote host said:" (qmail, Yahoo) names none.
const HOST_IN_TEXT = /(?:\bhost|while talking to)\s+([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+)\.?(?:\s*\[|:|\s)/;

/** The remote host, lower case: Remote-MTA, else the host the diagnostic (`lowerDiagnostic`, already lower case) names. */
export function remoteHost(remoteMta: string, lowerDiagnostic: string): string {
  if (remoteMta) return remoteMta.toLowerCase();
  return HOST_IN_TEXT.exec(lowerDiagnostic)?.[1] ?? '';
}

/** The answering provider's own verdict, or null when no provider knows this answer. */
export function providerReason(a: RemoteAnswer): Reason | null {
  // hot: baseline code, see docs/parser-generalisation.md, Speed (27 providers per recipient).
  for (let i = 0; i < PROVIDERS.length; i++) {
    const p = PROVIDERS[i]!;
    if (!p.is(a)) continue;
    const r = p.reason(a);
    if (r) return r;
  }
  return null;
}
