// SFR (sfr.fr, neuf.fr, club-internet.fr, numericable.fr, ...: one MX, smtp-in.sfr.fr): a refused sending
// IP is told "SFR_IN_101" to "SFR_IN_105"; the first digit is SFR's own, the last two name the behaviour
// that got the IP refused for two hours (SFR's postmaster notes, as Postmastery and Bento publish them).
// Each is about the sending IP, never the recipient.
import type { Reason } from '../../domain/reasons.js';
import { codeProvider } from './provider.js';

const CODE = /\bsfr_in_\d(\d{2})\b/;

const CODES: Record<string, Reason> = {
  '01': 'badreputation', // too many messages seen as spam
  '02': 'blocked', // viruses or malware sent from the IP
  '03': 'blocked', // too many SMTP protocol errors
  '04': 'blocked', // too many unknown recipients (as Cox's "too many invalid recipients")
  '05': 'speeding', // volume over the IP's limit
};

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['sfr.fr', 'neuf.fr'];

export const sfr = codeProvider('sfr', HOSTS, CODE, CODES);
