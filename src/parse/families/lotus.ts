// IBM/Lotus mail servers' own notices.
//
// Lotus Notes (R4-R6 router): "------- Failure Reasons --------", the reason
// in words, the recipient's address on the next line, then "------- Returned
// Message --------". Domino (R7 and later): "Your message ... was not
// delivered to:", the address indented by two spaces, "because:", the reason
// indented; often with a DSN part beside it. Their reasons are the router's
// own sentences (Domino's administration help lists them); the ones below
// say the cause outright.
import type { Family, FamilyRecipient } from './family.js';
import { gated } from '../view.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { joined, noticeLines, wordingOf, type Wording } from './layout.js';

/** Notes and Domino routers' sentences, in the languages they ship. */
export const ROUTER_WORDS: readonly Wording[] = [
  {
    re: /not listed in (?:the )?(?:domino directory|public name & address book)|non répertorié dans l'annuaire domino|domino ディレクトリには見つかりません|ディレクトリのリストにありません|nicht im domino-verzeichnis/i,
    reason: 'userunknown',
    example: 'User kit (kit@example.com) not listed in public Name & Address Book',
  },
  // The Spanish-language router's sentence for the same cause.
  {
    re: /no se encuentra en el directorio de domino/i,
    reason: 'userunknown',
    example: 'El usuario kit (kit@example.com) no se encuentra en el Directorio de Domino',
  },
  {
    re: /several matches found in (?:the )?domino directory/i,
    reason: 'systemerror',
    example: 'Several matches found in Domino Directory',
  },
  { re: /cannot route mail to user/i, reason: 'filtered', example: 'Cannot route mail to user (kit@example.com)' },
  {
    re: /message has exceeded maximum hop count|maximum hop count exceeded/i,
    reason: 'networkerror',
    example: 'Message has exceeded maximum hop count',
  },
];

const NOTES_START = /^-{3,}\s*failure reasons\s*-{3,}\s*$/im;
const NOTES_GATE = gated(NOTES_START);
const NOT_DELIVERED = gated(/^was not delivered to:\s*$/im);
const NOTES_END = /^-{3,}\s*returned message\s*-{3,}\s*$/im;

export const notes: Family = {
  name: 'notes',
  detect: (v) => NOTES_GATE.test(v),
  read(v): FamilyRecipient[] {
    const start = NOTES_START.exec(v.text);
    if (!start) return [];
    const lines = noticeLines(v.text.slice(start.index + start[0].length), NOTES_END)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('-'));
    const out: FamilyRecipient[] = [];
    let words: string[] = [];
    for (const l of lines) {
      const address = /^[^\s@]+@[^\s@]+$/.test(l) ? findAddress(l) : '';
      if (!address) {
        words.push(l);
        continue;
      }
      // The reason is written above the address it concerns.
      const diagnostic = joined(words);
      const hint = wordingOf(diagnostic, ROUTER_WORDS);
      out.push({ ...withCodes(address, diagnostic), action: 'failed', ...(hint ? { hint } : {}) });
      words = [];
    }
    return out;
  },
};

export const domino: Family = {
  name: 'domino',
  detect: (v) => NOT_DELIVERED.test(v) && /^because:\s*$/im.test(v.text),
  read(v): FamilyRecipient[] {
    const lines = noticeLines(v.text);
    const out: FamilyRecipient[] = [];
    let section = '';
    let pending: string[] = [];
    let why: string[] = [];
    const flush = (): void => {
      const diagnostic = joined(why);
      const hint = wordingOf(diagnostic, ROUTER_WORDS);
      for (const address of pending) out.push({ ...withCodes(address, diagnostic), action: 'failed', ...(hint ? { hint } : {}) });
      pending = [];
      why = [];
    };
    for (const raw of lines) {
      const l = raw.trim();
      if (/^was not delivered to:$/i.test(l)) {
        if (why.length) flush();
        section = 'to';
        continue;
      }
      if (/^because:$/i.test(l)) {
        section = 'why';
        continue;
      }
      if (!l) continue;
      if (section === 'to') {
        const a = findAddress(l);
        if (a) pending.push(a);
      } else if (section === 'why') {
        // The reason is the indented paragraph; an unindented line ends it.
        if (/^\s/.test(raw)) why.push(l);
        else section = '';
      }
    }
    flush();
    return out;
  },
};
