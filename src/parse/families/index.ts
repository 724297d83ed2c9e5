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
import { yahoo } from './yahoo.js';
import { kddi } from './kddi.js';
import { ezweb } from './ezweb.js';
import { verizon } from './verizon.js';
import { sendgrid } from './sendgrid.js';
import { receivingSes } from './receivingses.js';
import { office365 } from './office365.js';
import { unitedInternet } from './unitedinternet.js';

export const FAMILIES: readonly Family[] = [amazonSesJson, googleGroups, gmail, yahoo, kddi, ezweb, verizon, sendgrid, receivingSes, office365, unitedInternet, powermta, james, fml, postfixTranscript, zoho, exim, sendmail, haraka, mdnRefusal, generic];
