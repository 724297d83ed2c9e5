// The fixed words a regular expression cannot match without: read from its
// source, conservatively, so that a cheap substring search can rule a pattern
// out before it runs (docs/parser-generalisation.md, "Speed"). What this says
// must be implied by the pattern: if the pattern can match a text, the text
// holds one of the words (lower-cased, when the text is).

/** Punctuation a backslash quotes: the character itself. */
const QUOTED = '.*+?^${}()|[]\\/-';

/** Words shorter than this are never required (they would rule out almost nothing). */
export const MIN_WORD = 3;

/**
 * The answers a run of the build gave (scripts/parse-bundle.mjs writes them into the parse bundle with
 * esbuild's `define`). Reading a source a character at a time is cold code in every process: some 480
 * patterns (the detectors' gates at load, the classifier's phrase patterns at its first call) cost about
 * 15 ms of `inmail parse`'s start (docs/parser-generalisation.md, "Speed"). Keyed by the whole source
 * and the options: a table made from other sources misses and the answer is computed, never wrong.
 * Outside the bundle (tsc's modules: the daemon, vitest) there is no table.
 */
declare const INMAIL_REQUIRED_WORDS: ReadonlyArray<readonly [string, string[] | null]> | undefined;
const BUILT: ReadonlyMap<string, string[] | null> | null =
  typeof INMAIL_REQUIRED_WORDS === 'undefined' ? null : new Map(INMAIL_REQUIRED_WORDS);
/** The answers computed in this process, for the build's table (see `BUILT`). */
const MADE = new Map<string, string[] | null>();

/** The answers computed in this process (not read from the build's table), keyed as `requiredWords` keys them. */
export function requiredWordsMade(): Array<[string, string[] | null]> {
  return [...MADE];
}

/**
 * Words one of which every match of `re` contains, or null. Only for flags that leave plain characters
 * plain (i, m, s, d): under `u` or `v` case folding and escapes differ, and a `g` or `y` pattern's
 * test moves its lastIndex.
 * - `lower` false: the words as written, found in any text the pattern matches; no `i` flag.
 * - `lower` true: the words lower-cased, found in the lower-cased text; only ASCII and caseless
 *   characters (CJK), for which a case-insensitive match and a lower-cased text agree.
 */
export function requiredWords(re: RegExp, lower: boolean, min = MIN_WORD): string[] | null {
  if (/[^imsd]/.test(re.flags) || (!lower && re.flags.includes('i'))) return null;
  // Past the flags' test, the answer depends on the source and the options alone.
  const key = `${lower ? 'L' : 'A'}${min} ${re.source}`;
  const known = BUILT?.get(key);
  if (known !== undefined) return known;
  const words = anyOf(re.source, { lower, min });
  MADE.set(key, words);
  return words;
}

interface Options {
  lower: boolean;
  min: number;
}

/** For each top-level alternative of `src`, its best requirement; null when one has none. */
function anyOf(src: string, o: Options): string[] | null {
  const words: string[] = [];
  for (const a of alternatives(src)) {
    const w = bestOf(a, o);
    if (w === null) return null;
    words.push(...w);
  }
  // A word that holds another of the set adds nothing: the shorter is there whenever it is.
  const set = [...new Set(words)];
  return set.filter((w) => !set.some((x) => x !== w && w.includes(x)));
}

function alternatives(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const d = src[i]!;
    if (d === '\\') i++;
    else if (d === '[') i = classEnd(src, i) - 1;
    else if (d === '(') depth++;
    else if (d === ')') depth--;
    else if (d === '|' && depth === 0) {
      out.push(src.slice(from, i));
      from = i + 1;
    }
  }
  out.push(src.slice(from));
  return out;
}

/**
 * The strongest requirement of one alternative (a sequence): a run of plain characters, or what a
 * group that must occur requires. Any class, escape other than a quoted punctuation mark, `.`, `^`,
 * `$`, group or character that may not occur ends a run; a quantified character leaves it (kept
 * before `+`, which ends the run). Strongest: the requirement whose shortest word is longest.
 */
function bestOf(src: string, o: Options): string[] | null {
  let best: string[] | null = null;
  let score = 0;
  const consider = (words: string[] | null): void => {
    if (!words?.length) return;
    let s = Infinity;
    for (const w of words) s = Math.min(s, w.length);
    if (s >= o.min && s > score) {
      best = words;
      score = s;
    }
  };
  let run = '';
  const end = (): void => {
    consider(run ? [run] : null);
    run = '';
  };
  for (let i = 0; i < src.length;) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1] ?? '';
      i += 2;
      if (n !== '' && QUOTED.includes(n)) run += n;
      else {
        i = escapeEnd(src, i, n);
        end();
      }
    } else if (c === '[') {
      i = classEnd(src, i);
      end();
    } else if (c === '(') {
      const close = groupEnd(src, i);
      const inner = src.slice(i + 1, close);
      i = close + 1;
      end();
      const q = src[i];
      // A lookaround is skipped; a group that may not occur requires nothing.
      if (q === '?' || q === '*' || q === '{' || inner.startsWith('?=') || inner.startsWith('?!') || inner.startsWith('?<')) continue;
      consider(anyOf(inner.startsWith('?:') ? inner.slice(2) : inner, o));
    } else if (c === '?' || c === '*' || c === '{') {
      run = run.slice(0, -1);
      end();
      if (c === '{') {
        const close = src.indexOf('}', i);
        i = close < 0 ? src.length : close + 1;
      } else i++;
    } else if (c === '+' || c === '.' || c === '^' || c === '$') {
      end();
      i++;
    } else if (!o.lower) {
      run += c;
      i++;
    } else if (plain(c)) {
      run += c.toLowerCase();
      i++;
    } else {
      end();
      i++;
    }
  }
  end();
  return best;
}

/** ASCII, or a character without case (CJK): its case-insensitive match is itself, lower-cased or not. */
function plain(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 0x80 || (code >= 0x3000 && c.toLowerCase() === c && c.toUpperCase() === c);
}

/**
 * The index after the body of the escape `\\n` whose letter ends before `at`: the hex digits of \\x and
 * \\u, the letter of \\c, the name of \\k<name>, the digits of a back reference or octal escape.
 */
function escapeEnd(src: string, at: number, n: string): number {
  let i = at;
  if (n === 'x') return i + 2;
  if (n === 'u') return src[i] === '{' ? src.indexOf('}', i) + 1 || src.length : i + 4;
  if (n === 'c') return i + 1;
  if (n === 'k' && src[i] === '<') return src.indexOf('>', i) + 1 || src.length;
  if (n >= '0' && n <= '9') while (i < src.length && src[i]! >= '0' && src[i]! <= '9') i++;
  return i;
}

/** The index after the class that opens at `at` ("[...]", escapes included). */
function classEnd(src: string, at: number): number {
  for (let i = at + 1; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === ']') return i + 1;
  }
  return src.length;
}

/** The index of the ")" that closes the group opening at `at`. */
function groupEnd(src: string, at: number): number {
  let depth = 0;
  for (let i = at; i < src.length; i++) {
    const d = src[i]!;
    if (d === '\\') i++;
    else if (d === '[') i = classEnd(src, i) - 1;
    else if (d === '(') depth++;
    else if (d === ')' && --depth === 0) return i;
  }
  return src.length;
}
