// The receiving and sending providers' own notice layouts (Amazon WorkMail, AOL,
// Barracuda's spam firewall, Bigfoot, Yahoo, au/KDDI, EZweb, Verizon, SendGrid, Amazon SES, Office 365, GMX / web.de, Gmail /
// Google Workspace's newer notices, Outlook.com, BIGLOBE, Mimecast's gateway), in the order index.ts tries
// them: each detects its provider's own markers, so their order among
// themselves does not matter.
import type { Family } from './family.js';
import { yahoo } from './yahoo.js';
import { kddi } from './kddi.js';
import { ezweb } from './ezweb.js';
import { verizon } from './verizon.js';
import { sendgrid } from './sendgrid.js';
import { receivingSes } from './receivingses.js';
import { office365 } from './office365.js';
import { unitedInternet } from './unitedinternet.js';
import { gsuite } from './gsuite.js';
import { amazonSesMail } from './amazonses.js';
import { outlook } from './outlook.js';
import { biglobe } from './biglobe.js';
import { aol } from './aol.js';
import { amazonWorkMail } from './amazonworkmail.js';
import { barracuda } from './barracuda.js';
import { bigfoot } from './bigfoot.js';
import { mimecast } from './mimecast.js';

export const PROVIDER_FAMILIES: readonly Family[] = [
  amazonWorkMail,
  aol,
  barracuda,
  bigfoot,
  yahoo,
  kddi,
  ezweb,
  verizon,
  sendgrid,
  receivingSes,
  office365,
  unitedInternet,
  gsuite,
  amazonSesMail,
  outlook,
  biglobe,
  mimecast,
];
