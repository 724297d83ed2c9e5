// What every reader looks at, computed once per mail.
import type { Message, Part } from './mime.js';
import { partText } from './mime.js';
import { findAddress } from './address.js';
import { requiredWords } from './required-words.js';

export interface MailView {
  msg: Message;
  subject: string;
  from: string; // the From address, lower case
  /** The human-readable notification: text parts outside the returned message, decoded. */
  text: string;
  /** Addresses that are never a failed recipient: the bounce's own From and To. */
  exclude: string[];
  /** Delivery-status parts (message/delivery-status and the "global" variant), decoded. */
  dsnParts: string[];
}

// XWall (an Exchange gateway) labels its report message/xdelivery-status.
const DSN_TYPES = new Set([
  'message/delivery-status',
  'message/global-delivery-status',
  'text/delivery-status',
  'message/xdelivery-status',
]);

/** Leaf types a reporting MTA has been seen to put its delivery-status fields in. */
const MISLABELED_TYPES =
  /^(?:text\/(?:plain|x-delivery-status|delivery-status)|application\/octet-stream|message\/delivery-status-report)$/;

/** RFC 3464 per-recipient fields at line starts: a recipient field and an Action or a Status. */
export function holdsDsnFields(text: string): boolean {
  return /^(?:final|original)-recipient[ \t]*:/im.test(text) && /^(?:action|status)[ \t]*:/im.test(text);
}

/** The last mail's text and its lower case: the detectors ask about one mail after another. */
let lowerOf = '';
let lowered = '';

/**
 * The notification text in lower case, made once per mail. A family's detector looks for its
 * marker's fixed words in it (a plain substring search) before it runs its regular expressions over
 * the whole text: a case-insensitive regex that matches implies those words here.
 */
export function lowerText(v: MailView): string {
  if (v.text !== lowerOf) {
    lowered = v.text.toLowerCase();
    lowerOf = v.text;
  }
  return lowered;
}

/** A detector's fixed words (lower case), registered when its module loads: see `mentions`. */
export interface FixedWords {
  readonly ids: readonly number[];
}

const WORDS: string[] = [];
const WORD_IDS = new Map<string, number>();

/** Registers a detector's fixed words, so that one pass over each mail's text finds them with all the others. */
export function fixedWords(...words: string[]): FixedWords {
  const ids = words.map((w) => {
    if (!w) throw new Error('fixedWords: an empty word');
    let id = WORD_IDS.get(w);
    if (id === undefined) {
      id = WORDS.length;
      WORD_IDS.set(w, id);
      WORDS.push(w);
    }
    return id;
  });
  return { ids };
}

/** All registered words as one alternation, and the words by their first UTF-16 unit; rebuilt when a word is added. */
let union: { re: RegExp; byFirst: Map<number, number[]>; size: number } | null = null;

function unionOfWords(): { re: RegExp; byFirst: Map<number, number[]>; size: number } {
  if (union?.size === WORDS.length) return union;
  const byFirst = new Map<number, number[]>();
  WORDS.forEach((w, id) => {
    const c = w.charCodeAt(0);
    const list = byFirst.get(c);
    if (list) list.push(id);
    else byFirst.set(c, [id]);
  });
  // The words in sorted order: alternatives that share their first characters then stand together,
  // which V8's matcher tries faster (about 15 % on this pattern); the loop below compares every word
  // at each hit, so the order changes nothing found.
  const sorted = [...WORDS].sort();
  const re = new RegExp(sorted.map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
  return (union = { re, byFirst, size: WORDS.length });
}

/**
 * The last mail's found words: word `id` is there when `found[id] === generation` (one array for all
 * mails, nothing to clear or allocate per mail). A detector after another asks about the same view.
 */
let foundFor: MailView | null = null;
let foundText = '';
let found = new Uint32Array(0);
let generation = 0;

/**
 * Which registered words the lower-cased text holds: one regex pass over the text stops at every
 * position where some word starts (the search resumes one unit further, so that no overlapping or
 * nested word is skipped), and every word is compared there. Exactly `lowerText(v).includes(w)` for
 * each word, at the cost of one search instead of one per word (docs/parser-generalisation.md, "Speed").
 */
function foundWords(v: MailView): Uint32Array {
  if (v === foundFor && v.text === foundText && found.length === WORDS.length) return found;
  const { re, byFirst } = unionOfWords();
  if (found.length !== WORDS.length || generation === 0xffffffff) {
    found = new Uint32Array(WORDS.length);
    generation = 0;
  }
  const g = ++generation;
  const s = lowerText(v);
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const at = m.index;
    const ids = byFirst.get(s.charCodeAt(at));
    // hot: baseline code, see docs/parser-generalisation.md, Speed (an indexed loop makes no iterator).
    if (ids)
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        if (found[id] !== g && s.startsWith(WORDS[id]!, at)) found[id] = g;
      }
    re.lastIndex = at + 1;
  }
  foundFor = v;
  foundText = v.text;
  return found;
}

/** The notification text (lower-cased) holds one of these words (registered with `fixedWords`). */
export function mentions(v: MailView, words: FixedWords): boolean {
  const f = foundWords(v);
  const ids = words.ids;
  for (let i = 0; i < ids.length; i++) if (f[ids[i]!] === generation) return true;
  return false;
}

/** A detector's pattern over the notification text, run only when the text holds a word it cannot match without. */
export interface Gated {
  readonly re: RegExp;
  /** `re.test(text)`; `text` is the notification text or a part of it. */
  test(v: MailView, text?: string): boolean;
}

/** Gate words shorter than this would stop the one pass over the text too often to pay. */
const GATE_MIN = 5;

/**
 * `re` behind its required words (required-words.ts), registered with the other fixed words: a mail
 * whose text lacks them all is ruled out by the one pass of `mentions`, without a scan of its own.
 */
export function gated(re: RegExp): Gated {
  const required = requiredWords(re, true, GATE_MIN);
  const words = required ? fixedWords(...required) : null;
  return { re, test: (v, text = v.text) => (words === null || mentions(v, words)) && re.test(text) };
}

export function viewOf(msg: Message): MailView {
  const subject = msg.headers.get('subject') ?? '';
  const from = findAddress(msg.headers.get('from') ?? '').toLowerCase();
  const to = findAddress(msg.headers.get('to') ?? '').toLowerCase();
  // A delivery-status part inside an attached message belongs to that message (a returned bounce, a
  // forwarded report: index.ts reads the latter on its own), not to this notice.
  const attached = new Set<Part>();
  addAttached(msg, false, attached);
  const dsnParts: string[] = [];
  // hot: baseline code, see docs/parser-generalisation.md, Speed (indexed loops, no closures per mail).
  for (let i = 0; i < msg.all.length; i++) {
    const p = msg.all[i]!;
    // partText: the same decoding (no charset reads as UTF-8), kept with the part for the readers after this.
    if (DSN_TYPES.has(p.contentType.type) && !attached.has(p)) dsnParts.push(partText(p));
  }
  // A delivery-status part mislabeled as text (text/plain, often an attachment "details.txt"):
  // a leaf holding RFC 3464's per-recipient fields is read as one. Only when no part is labeled right.
  if (!dsnParts.length) {
    for (let i = 0; i < msg.all.length; i++) {
      const p = msg.all[i]!;
      // The root (msg.all[0]) counts too: a single-part notice whose text holds the fields is read so.
      if (p.children.length || attached.has(p) || !MISLABELED_TYPES.test(p.contentType.type)) continue;
      const body = partText(p);
      if (holdsDsnFields(body)) dsnParts.push(body);
    }
  }
  // HTML only counts when there is no plain text (multipart/alternative): converting it is costly.
  // Text sent as an attachment (a copy of the original headers) is not the notification,
  // unless nothing else is there.
  const textLeaves: Part[] = [];
  const inline: Part[] = [];
  for (let i = 0; i < msg.all.length; i++) {
    const p = msg.all[i]!;
    if (!isTextLeaf(p)) continue;
    textLeaves.push(p);
    if (!isAttachment(p)) inline.push(p);
  }
  const leaves = inline.length ? inline : textLeaves;
  let text = '';
  let plain = 0;
  for (let i = 0; i < leaves.length; i++) {
    const p = leaves[i]!;
    if (p.contentType.type === 'text/plain') text = plain++ ? `${text}\n${partText(p)}` : partText(p);
  }
  if (!plain) {
    for (let i = 0; i < leaves.length; i++) text = i ? `${text}\n${htmlToText(partText(leaves[i]!))}` : htmlToText(partText(leaves[i]!));
  }
  const exclude: string[] = [];
  if (from) exclude.push(from);
  if (to) exclude.push(to);
  return { msg, subject, from, text, exclude, dsnParts };
}

/** Adds to `attached` every part inside a message/rfc822 part (`inside`: `p` itself is). */
function addAttached(p: Part, inside: boolean, attached: Set<Part>): void {
  if (inside) attached.add(p);
  const below = inside || p.contentType.type === 'message/rfc822';
  for (let i = 0; i < p.children.length; i++) addAttached(p.children[i]!, below, attached);
}

function isTextLeaf(p: Part): boolean {
  return p.children.length === 0 && (p.contentType.type === 'text/plain' || p.contentType.type === 'text/html');
}

function isAttachment(p: Part): boolean {
  return (p.headers.raw('content-disposition') ?? '').trim().toLowerCase().startsWith('attachment');
}

export function htmlToText(html: string): string {
  return html
    .replace(/<(?:script|style)[\s\S]*?<\/(?:script|style)>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(?:p|div|tr|li|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&amp;/gi, '&')
    .replace(/[ \t]+/g, ' ');
}
