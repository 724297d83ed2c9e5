// The families, most specific first; `generic` last always matches.
import type { Family } from './family.js';
import { generic } from './generic.js';
import { amazonSesJson } from './amazonses.js';
import { gmail, googleGroups } from './google.js';
import { powermta } from './powermta.js';
import { james } from './james.js';
import { fml } from './fml.js';
import { postfixTranscript } from './postfix-transcript.js';
import { zoho } from './zoho.js';
import { exim } from './exim.js';
import { sendmail } from './sendmail.js';
import { haraka } from './haraka.js';
import { mdnRefusal } from './mdn.js';
import { PROVIDER_FAMILIES } from './providers.js';

export const FAMILIES: readonly Family[] = [amazonSesJson, googleGroups, gmail, ...PROVIDER_FAMILIES, powermta, james, fml, postfixTranscript, zoho, exim, sendmail, haraka, mdnRefusal, generic];
