// Small tools the family readers share: the notice's own lines (cut at the
// returned message), blocks that start at a recipient line, and tables of an
// MTA's own wordings.
import type { Reason } from '../../domain/reasons.js';
import type { SmtpCommand } from '../classify.js';
import { cutAtOriginal } from '../text.js';

/** One wording an MTA writes, and what it means; `source` says which MTA and where (its source file, its docs). */
export interface Wording {
  re: RegExp;
  reason: Reason;
  /** A line as the MTA writes it (test/unit/parse-families-wordings.test.ts reads each one back). */
  example: string;
}

export function wordingOf(text: string, table: readonly Wording[]): Reason | undefined {
  // hot: baseline code, see docs/parser-generalisation.md, Speed (no callback per wording).
  for (let i = 0; i < table.length; i++) if (table[i]!.re.test(text)) return table[i]!.reason;
  return undefined;
}

/** The notice's lines, up to the returned message (the shared markers, or the family's own `stop`). */
export function noticeLines(text: string, stop?: RegExp): string[] {
  let t = cutAtOriginal(text);
  if (stop) {
    const m = stop.exec(t);
    if (m) t = t.slice(0, m.index);
  }
  const lines = t.split(/\r?\n/);
  // One trailing CR off each line ("\r\r\n"), in place: a mapped copy and a regex per line cost more in baseline code.
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.charCodeAt(l.length - 1) === 0x0d) lines[i] = l.slice(0, -1);
  }
  return lines;
}

export interface Block {
  address: string;
  /** The rest of the recipient's own line (after the address). */
  head: string;
  lines: string[];
}

/**
 * Blocks that each start at a line `start` matches (group 1: the address, group 2 if any: the rest
 * of the line) and hold the lines after it, up to the next such line or a line `end` matches.
 */
export function blocksAt(lines: readonly string[], start: RegExp, end?: RegExp): Block[] {
  const out: Block[] = [];
  let cur: Block | null = null;
  for (const raw of lines) {
    const m = start.exec(raw);
    if (m?.[1]) {
      cur = { address: m[1], head: (m[2] ?? '').trim(), lines: [] };
      out.push(cur);
      continue;
    }
    if (!cur) continue;
    if (end?.test(raw)) {
      cur = null;
      continue;
    }
    const l = raw.trim();
    if (l) cur.lines.push(l);
  }
  return out;
}

/**
 * Line `i` with the lines that continue it. An MTA that wraps a long reply, or a relay that folds it,
 * indents what follows (Postfix's "    rejected: User unknown", RFC 5322 folding), so every following
 * non-empty line indented deeper than line `i` belongs to it. A reader that takes one line for the
 * remote's answer takes it with these.
 */
export function withContinuation(lines: readonly string[], i: number): string {
  const indent = (l: string): number => l.length - l.trimStart().length;
  const first = lines[i] ?? '';
  const parts = [first];
  for (let j = i + 1; j < lines.length; j++) {
    const l = lines[j] ?? '';
    if (!l.trim() || indent(l) <= indent(first)) break;
    parts.push(l);
  }
  // A line alone keeps its inner spacing, as the reader saw it before.
  return parts.length === 1 ? first.trim() : joined(parts);
}

/**
 * `re` with each literal space outside a character class widened to `\s+`, so that a sentence matches
 * however it was wrapped ("Recipient <a@b> does" / "    not exist here."). Built once per pattern.
 */
export function spacedWords(re: RegExp): RegExp {
  let out = '';
  let inClass = false;
  const src = re.source;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      out += c + (src[++i] ?? '');
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    if (c === ' ' && !inClass) {
      // A quantified space (" ?", " *", " {0,2}") keeps its quantifier: any one blank, as often as it says.
      if (/[?*+{]/.test(src[i + 1] ?? '')) {
        out += String.raw`\s`;
        continue;
      }
      while (src[i + 1] === ' ') i++;
      out += String.raw`\s+`;
      continue;
    }
    out += c;
  }
  return new RegExp(out, re.flags);
}

/** Lines joined into one diagnostic. */
export function joined(parts: readonly string[]): string {
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The SMTP command a word names ("RCPT TO", "MAIL FROM", "DATA", "EHLO", "connect"). */
export function commandWord(word: string): SmtpCommand {
  const w = word.trim().toUpperCase();
  if (w.startsWith('RCPT')) return 'RCPT';
  if (w.startsWith('MAIL')) return 'MAIL';
  if (w.startsWith('DATA') || w.startsWith('END OF DATA') || w === 'BDAT') return 'DATA';
  if (w.startsWith('HELO') || w.startsWith('EHLO') || w.startsWith('LHLO')) return 'HELO';
  if (w.startsWith('CONN') || w.includes('GREETING') || w.startsWith('BANNER')) return 'CONN'; // Courier's ">>> (initial greeting)"
  return '';
}
