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
import { exim, eximBadAddress } from './exim.js';
import { eximLocalScan, eximNotice } from './exim-notices.js';
import { sendmail } from './sendmail.js';
import { haraka } from './haraka.js';
import { mdnRefusal } from './mdn.js';
import { qmail } from './qmail.js';
import { opensmtpd } from './opensmtpd.js';
import { dragonfly } from './dragonfly.js';
import { courier } from './courier.js';
import { v5sendmail } from './v5sendmail.js';
import { postfix } from './postfix.js';
import { notes, domino } from './lotus.js';
import { messagingServer } from './messagingserver.js';
import { imailServer } from './imail.js';
import { activehunter, amavis, interScanMss, mailFoundry, mailMarshal, mcafee, messageLabs, mFilter, surfControl } from './appliances.js';
import { mdaemon } from './mdaemon.js';
import { communigate } from './communigate.js';
import { groupwise } from './groupwise.js';
import { mxlogic } from './mxlogic.js';
import { einsUndEins } from './einsundeins.js';
import { postOffice } from './postoffice.js';
import { ironport } from './ironport.js';
import { bracketList, errorCount, technicalDetails, unableList } from './anonymous.js';
import { exchange2000, exchange2003, exchange2007 } from './exchange.js';
import { PROVIDER_FAMILIES } from './providers.js';
import { listed } from './listed.js';

/**
 * A family as an object of one shape: the same fields, in the same order. The family modules write theirs
 * with different fields (`final`, `selfEvident` or neither), and the readers' loop (bounce.ts), which reads
 * `detect`, `read` and `final` of some forty families per mail, then looked each up in V8's megamorphic
 * cache instead of at a known offset (docs/parser-generalisation.md, "Speed"). Only the list holds these
 * copies: a module that calls another family's reader (exim's calls the generic one) calls the function itself.
 */
function oneShape(f: Family): Family {
  return { name: f.name, selfEvident: f.selfEvident === true, final: f.final, detect: f.detect, read: f.read };
}

export const FAMILIES: readonly Family[] = [
  eximNotice,
  eximLocalScan,
  amazonSesJson,
  activehunter,
  mFilter,
  mcafee,
  messageLabs,
  amavis,
  surfControl,
  interScanMss,
  mailMarshal,
  mailFoundry,
  googleGroups,
  technicalDetails,
  gmail,
  ...PROVIDER_FAMILIES,
  powermta,
  james,
  fml,
  postfixTranscript,
  zoho,
  qmail,
  opensmtpd,
  dragonfly,
  courier,
  postfix,
  exchange2007,
  exchange2003,
  exchange2000,
  notes,
  domino,
  messagingServer,
  imailServer,
  mdaemon,
  communigate,
  groupwise,
  mxlogic,
  einsUndEins,
  postOffice,
  ironport,
  exim,
  eximBadAddress,
  v5sendmail,
  sendmail,
  haraka,
  bracketList,
  unableList,
  errorCount,
  mdnRefusal,
  listed,
  generic,
].map(oneShape);
