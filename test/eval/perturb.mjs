#!/usr/bin/env node
// eval:perturb — how stable the parser's answers are under changes that keep a bounce's meaning
// (docs/parser-generalisation.md, "How we measure generalisation"). Every corpus mail is changed
// by each transformation below, one at a time, parsed with the built parser (dist/, the code path
// of `inmail parse --jsonl`), and compared with the parse of the unchanged mail and with the
// expected answer. Reads the corpus at run time; writes nothing.
//
//   npm run eval:perturb -- --corpus DIR --expected FILE [--seed N] [--only a,b] [--list [a,b]] [--json OUT] [--write DIR]
//
// DIR holds the mails (the paths in FILE are relative to it); given a corpus folder with emails/
// and expected.jsonl, --expected may be left out. --list prints each changed mail with
// before → after (for the named transformations only when given); --write saves each changed
// variant as DIR/<transformation>/<file> to read it (outside the repository). Deterministic for one seed.
// The project's own fixtures are measured the same way once written as such a folder by
// test/eval/fixtures-corpus.mjs (outside the repository).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseOne } from '../../dist/cli/parse.js';
import {
  contentType,
  entities,
  fields,
  headerValue,
  leafText,
  leaves,
  param,
  parseEntity,
  serialize,
  setHeader,
  setLeafText,
} from './mime-edit.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length && !args[i + 1].startsWith('--') ? args[i + 1] : dflt;
};
let corpus = resolve(opt('--corpus', '.'));
let expectedFile = opt('--expected', null);
if (!expectedFile && existsSync(join(corpus, 'expected.jsonl'))) {
  expectedFile = join(corpus, 'expected.jsonl');
  corpus = join(corpus, 'emails');
}
if (!expectedFile) {
  console.error('eval:perturb: pass --corpus DIR --expected FILE');
  process.exit(2);
}
const seed = Number(opt('--seed', '1'));
const only = new Set((opt('--only', '') || '').split(',').filter(Boolean));
const listing = args.includes('--list') ? new Set((opt('--list', '') || '').split(',').filter(Boolean)) : null;
const jsonOut = opt('--json', null);
const writeDir = opt('--write', null);

// ---- deterministic randomness: one stream per (seed, file, transformation) ----
function rngFor(...keys) {
  let h = 2166136261 ^ seed;
  for (const c of keys.join('\0')) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SYLL = ['ka', 'mo', 'ri', 'tu', 'ne', 'so', 'la', 'vi', 'pe', 'do', 'zu', 'ha', 'ki', 'ro', 'mi', 'te'];
const word = (rng, n) => Array.from({ length: n }, () => SYLL[Math.floor(rng() * SYLL.length)]).join('');
const pick = (rng, n) => Math.floor(rng() * n);

// ---- text helpers ----
const collapse = (s) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const escRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A token replaced wherever it stands alone: not inside a longer name or address part. */
function replaceToken(text, token, by, { local = false, host = false, domain = false } = {}) {
  const before = local ? '[A-Za-z0-9._%+-]' : host ? '[A-Za-z0-9.@-]' : domain ? '[A-Za-z0-9.-]' : '[A-Za-z0-9-]';
  const re = new RegExp(`(?<!${before})${escRe(token)}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`, 'gi');
  return text.replace(re, by);
}
/** Applies `fn` to every header block and every leaf's decoded text of the mail. */
function mapAllText(tree, fn) {
  for (const { node } of entities(tree)) node.head = fn(node.head);
  for (const { node } of leaves(tree)) setLeafText(node, fn(leafText(node)));
}
const isDsn = (node) => /^message\/(global-)?delivery-status$/.test(contentType(node));
/** The human-readable text leaves: text/* outside the returned message, not its headers. */
const humanText = (tree) =>
  [...leaves(tree)].filter(
    ({ node, inReturned }) =>
      !inReturned && /^text\/(plain|html)$/.test(contentType(node)) && !/^content-description:.*(undelivered|original)/im.test(node.head),
  );

/** Lines of the readable text that carry a recipient's diagnostic (as the unchanged mail's parse read it). */
function diagnosticLine(line, diags) {
  const c = collapse(line);
  // A JSON report's lines are structure (keys), not an MTA's text.
  if (c.length < 12 || /"[\w-]+"\s*:/.test(c)) return false;
  return diags.some((d) => d.includes(c) || (d.length >= 12 && c.includes(d)));
}

// ---- the transformations ----
// Local parts that are also words of a notice's text or structure (a JSON key, a status word, a cause a
// test lab names its mailbox after: "virus@", "relay@"): they are renamed only where they stand before "@".
const STOP = new Set(
  'user users root info admin test mail postmaster mailer-daemon support sales contact nobody noreply webmaster abuse service office help mailbox address recipient bounce success complaint delivery error failure status message notification virus relay spam quota'.split(
    ' ',
  ),
);

const T = {
  /** Fresh local parts and domains for the failed recipients, consistently everywhere. */
  recipient(tree, ctx) {
    const rng = ctx.rng;
    const locals = new Map();
    const domains = new Map();
    // A notice a provider writes about its own user (the notice's From on the recipient's domain, as
    // Facebook's, au's or Verizon's do) keeps the domain: renaming it renames the provider (see mta-host).
    const from = (headerValue(tree, 'from') ?? '').toLowerCase();
    const own = (d) => new RegExp(`[@.]${escRe(d)}\\b`).test(from);
    // A UTF-8 address (SMTPUTF8) stands in the mail's bytes as its UTF-8 bytes (the tree's text is
    // Latin-1) and in a parsed answer as its characters: both spellings are renamed alike.
    const spellings = (x) => [...new Set([x, Buffer.from(x, 'utf8').toString('latin1')])];
    for (const a of ctx.addresses) {
      const [l, d] = a.split('@');
      const nl = locals.get(l) ?? `${word(rng, 3)}${pick(rng, 90) + 10}`;
      for (const x of spellings(l)) locals.set(x, nl);
      if (!d || !d.includes('.') || own(d) || domains.has(d)) continue;
      const nd = `${word(rng, 2)}-${word(rng, 2)}.net`;
      for (const x of spellings(d)) domains.set(x, nd);
    }
    const map = (s) => {
      // The domain as an address's or a word, not as the end of a host name ("mx.b.example" stays): a
      // provider's servers keep their names whatever its users' domain is called (see mta-host).
      for (const [d, nd] of domains) s = replaceToken(s, d, nd, { domain: true });
      for (const [l, nl] of locals) {
        s = s.replace(new RegExp(`(?<![A-Za-z0-9._%+-])${escRe(l)}(?=@)`, 'gi'), nl);
        if (l.length >= 4 && !STOP.has(l.toLowerCase())) s = replaceToken(s, l, nl, { local: true });
      }
      return s;
    };
    mapAllText(tree, map);
    ctx.mapAddress = (a) => map(a).toLowerCase();
    return locals.size > 0;
  },

  /** The reporting MTA's host names (Reporting-MTA, the top Received's "by") and every IPv4 address. */
  'mta-host'(tree, ctx) {
    const rng = ctx.rng;
    const hosts = new Set();
    for (const { node } of leaves(tree)) {
      if (!isDsn(node)) continue;
      const m = /^reporting-mta:\s*(?:dns;)?\s*([A-Za-z0-9.-]+\.[A-Za-z]{2,})/im.exec(leafText(node));
      if (m) hosts.add(m[1].toLowerCase());
    }
    const rec = fields(tree).find((f) => /^received:/i.test(f));
    const by = rec && /\bby\s+([A-Za-z0-9.-]+\.[A-Za-z]{2,})/i.exec(rec);
    if (by) hosts.add(by[1].toLowerCase());
    const rcptDomains = new Set(ctx.addresses.map((a) => a.split('@')[1]));
    for (const h of [...hosts]) if (rcptDomains.has(h)) hosts.delete(h);
    const hostMap = new Map([...hosts].map((h) => [h, `${word(rng, 2)}${pick(rng, 9) + 1}.${word(rng, 3)}.org`]));
    const ipMap = new Map();
    const ip = (s) => {
      if (!ipMap.has(s))
        ipMap.set(s, `${[192, 198, 203][pick(rng, 3)]}.${pick(rng, 200) + 10}.${pick(rng, 250) + 1}.${pick(rng, 250) + 1}`);
      return ipMap.get(s);
    };
    let changed = false;
    mapAllText(tree, (s) => {
      let t = s;
      for (const [h, nh] of hostMap) t = replaceToken(t, h, nh, { host: true });
      t = t.replace(/(?<![\d.])((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})(?![\d]|\.\d)/g, (m) =>
        /^(127|0|255)\./.test(m) ? m : ip(m),
      );
      if (t !== s) changed = true;
      return t;
    });
    return changed;
  },

  /** Long diagnostic lines folded at another width: DSN fields by RFC 5322 folding, text lines as MTAs wrap them. */
  fold(tree, ctx) {
    const W = 40;
    let changed = false;
    const wrap = (line, indent) => {
      const out = [];
      let rest = line;
      while (rest.length > W) {
        const cut = rest.lastIndexOf(' ', W);
        const at = cut > indent.length + 8 ? cut : rest.indexOf(' ', W);
        if (at < 0) break;
        out.push(rest.slice(0, at));
        rest = indent + rest.slice(at + 1).trimStart();
      }
      out.push(rest);
      return out;
    };
    for (const { node } of leaves(tree)) {
      if (isDsn(node)) {
        const text = leafText(node);
        const t = text.replace(/^(diagnostic-code:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/gim, (f) => {
          const one = f.replace(/\r?\n(?=[ \t])/g, '');
          return wrap(one, ' ').join(node.eol);
        });
        if (t !== text) {
          changed = true;
          setLeafText(node, t);
        }
      }
    }
    for (const { node } of humanText(tree)) {
      const text = leafText(node);
      const t = text
        .split(/\r?\n/)
        .flatMap((line) => {
          // A session transcript (">>> RCPT TO", "<<< 550 ...", MDaemon's log "...: <-- 554 ...") echoes the
          // SMTP lines as they were: no MTA wraps them.
          if (line.length <= W || /^\s*(?:>>>|<<<)|\s(?:<--|-->)\s/.test(line) || !diagnosticLine(line, ctx.diags)) return [line];
          const indent = /^[ \t]*/.exec(line)[0];
          return wrap(line, indent + '    ');
        })
        .join(node.eol);
      if (t !== text.replace(/\r?\n/g, node.eol)) {
        changed = true;
        setLeafText(node, t);
      }
    }
    return changed;
  },

  /** Folded diagnostic lines joined: DSN fields unfolded, an MTA's indented continuation lines joined. */
  unfold(tree, ctx) {
    let changed = false;
    for (const { node } of leaves(tree)) {
      if (!isDsn(node)) continue;
      const text = leafText(node);
      const t = text.replace(/^(diagnostic-code:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)+)/gim, (f) => f.replace(/\r?\n[ \t]+/g, ' '));
      if (t !== text) {
        changed = true;
        setLeafText(node, t);
      }
    }
    for (const { node } of humanText(tree)) {
      const lines = leafText(node).split(/\r?\n/);
      const out = [];
      let joined = false;
      for (const line of lines) {
        const prev = out.length ? out[out.length - 1] : null;
        const ind = (s) => /^[ \t]*/.exec(s)[0].length;
        // Only a line that was long enough to be wrapped: a short line with an indented one under it is a
        // layout (Sendmail's "<a@b>" over "    (reason: ...)"), not a wrap.
        const wrapped = prev !== null && prev.trimEnd().length >= 60;
        if (wrapped && line.trim() && ind(line) > ind(prev) && diagnosticLine(prev, ctx.diags) && diagnosticLine(line, ctx.diags)) {
          out[out.length - 1] = `${prev.trimEnd()} ${line.trim()}`;
          joined = true;
        } else out.push(line);
      }
      if (joined) {
        changed = true;
        setLeafText(node, out.join(node.eol));
      }
    }
    return changed;
  },

  /** CRLF line ends to LF, or LF to CRLF. */
  crlf(tree) {
    const s = serialize(tree);
    const t = /\r\n/.test(s) ? s.replace(/\r\n/g, '\n') : s.replace(/\n/g, '\r\n');
    return parseEntity(t);
  },

  /** The text parts re-encoded as quoted-printable. */
  qp(tree) {
    return reencode(tree, 'quoted-printable');
  },

  /** The text parts re-encoded as base64. */
  base64(tree) {
    return reencode(tree, 'base64');
  },

  /** Other Date, Message-ID and MIME boundaries. */
  ids(tree, ctx) {
    const rng = ctx.rng;
    const date = headerValue(tree, 'date');
    const t = date ? Date.parse(date.replace(/\([^)]*\)/g, '').trim()) : NaN;
    if (!Number.isNaN(t)) {
      const d = new Date(t + (pick(rng, 300) + 20) * 86_400_000 + pick(rng, 86_400) * 1000);
      const wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
      const mo = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
      const p = (n) => String(n).padStart(2, '0');
      setHeader(
        tree,
        'Date',
        `${wd}, ${p(d.getUTCDate())} ${mo} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`,
      );
    }
    const mid = headerValue(tree, 'message-id');
    if (mid && /@/.test(mid)) setHeader(tree, 'Message-ID', mid.trim().replace(/^<?[^@]*@/, `<${word(rng, 4)}.${pick(rng, 1e6)}@`));
    for (const { node } of entities(tree)) {
      if (!node.boundary) continue;
      const nb = `=_${word(rng, 3)}_${pick(rng, 1e9).toString(36)}`;
      const ct = headerValue(node, 'content-type');
      const old = param(ct, 'boundary');
      setHeader(
        node,
        'Content-Type',
        ct
          .trim()
          .replace(`"${old}"`, `"${nb}"`)
          .replace(new RegExp(`(boundary\\s*=\\s*)${escRe(old)}(?=;|\\s|$)`, 'i'), `$1"${nb}"`),
      );
      node.boundary = nb;
    }
    return true;
  },

  /** The message/delivery-status part dropped, when the readable text still names every recipient. */
  'no-dsn'(tree, ctx) {
    const container = [...entities(tree)].find(({ node }) => node.parts?.some((p) => isDsn(p.entity)));
    if (!container) return false;
    const text = humanText(tree)
      .map(({ node }) => leafText(node))
      .join('\n')
      .toLowerCase();
    if (!ctx.addresses.length || !ctx.addresses.every((a) => text.includes(a))) return false;
    container.node.parts = container.node.parts.filter((p) => !isDsn(p.entity));
    return true;
  },

  /** The human-readable text dropped when a message/delivery-status part is there. */
  'no-text'(tree) {
    const container = [...entities(tree)].find(({ node }) => node.parts?.some((p) => isDsn(p.entity)));
    if (!container) return false;
    const parts = container.node.parts;
    const keep = parts.filter((p, i) => i > 0 || !/^text\//.test(contentType(p.entity)) || isDsn(p.entity));
    if (keep.length === parts.length) return false;
    container.node.parts = keep;
    return true;
  },

  /** The diagnostic text in upper case (DSN Diagnostic-Code and the readable text's diagnostic lines). */
  case(tree, ctx) {
    let changed = false;
    for (const { node } of leaves(tree)) {
      if (!isDsn(node)) continue;
      const text = leafText(node);
      const t = text.replace(/^(diagnostic-code:)([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/gim, (_, k, v) => k + v.toUpperCase());
      if (t !== text) {
        changed = true;
        setLeafText(node, t);
      }
    }
    for (const { node } of humanText(tree)) {
      const text = leafText(node);
      // From the reply code on when there is one: the labels before it ("Out:", "host x said:") are the MTA's own fixed words.
      const upper = (line) => {
        const at = line.search(/\b[245]\d\d[ -]/);
        return at > 0 ? line.slice(0, at) + line.slice(at).toUpperCase() : line.toUpperCase();
      };
      const t = text.replace(/[^\r\n]+/g, (line) => (diagnosticLine(line, ctx.diags) ? upper(line) : line));
      if (t !== text) {
        changed = true;
        setLeafText(node, t);
      }
    }
    return changed;
  },
};

function reencode(tree, encoding) {
  let changed = false;
  const ls = [...leaves(tree)].filter(({ node }) => /^text\//.test(contentType(node)));
  for (const { node } of ls) {
    const cte = (headerValue(node, 'content-transfer-encoding') ?? '').trim().toLowerCase();
    if (cte === encoding) continue;
    const text = leafText(node);
    if (node === tree && !headerValue(tree, 'mime-version')) setHeader(tree, 'MIME-Version', '1.0');
    setLeafText(node, text, encoding);
    changed = true;
  }
  return changed;
}

// ---- comparing answers ----
const norm = (a) => (a || '').trim().toLowerCase().replace(/^<|>$/g, '');
const matchOf = (recips, addr, i) => (addr && recips.find((y) => norm(y.address) === addr)) || recips[i] || null;
const FIELDS = ['reason', 'status', 'recipient', 'type'];

/** Words of the unchanged parse's diagnostic that must still be in the variant for its reason to be kept. */
function keeps(variantText, r) {
  const d = collapse(r?.diagnostic ?? '');
  return !d || collapse(variantText).includes(d.slice(0, 24));
}

const expected = readFileSync(expectedFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const names = Object.keys(T).filter((n) => !only.size || only.has(n));
const rows = Object.fromEntries(
  names.map((n) => [
    n,
    { applied: 0, changed: 0, lawful: 0, ...Object.fromEntries(FIELDS.map((k) => [k, 0])), right: [0, 0], of: 0, list: [] },
  ]),
);
let origRight = 0;
let origOf = 0;

for (const e of expected) {
  const file = join(corpus, e.file);
  const bytes = readFileSync(file);
  const raw = bytes.toString('latin1');
  const orig = parseOne(file, bytes);
  const exp = e.expected || [];
  const addresses = exp.map((x) => norm(x.recipient)).filter(Boolean);
  const origMatch = exp.map((x, i) => matchOf(orig.recipients, norm(x.recipient), i));
  const diags = orig.recipients.map((r) => collapse(r.diagnostic ?? '')).filter((d) => d.length >= 12);
  exp.forEach((x, i) => {
    origOf++;
    if (origMatch[i]?.reason === x.reason) origRight++;
  });
  for (const name of names) {
    const ctx = { rng: rngFor(e.file, name), addresses, diags, mapAddress: (a) => a };
    let tree = parseEntity(raw);
    const res = T[name](tree, ctx);
    if (res === false) continue;
    if (res && typeof res === 'object') tree = res;
    const vbytes = Buffer.from(serialize(tree), 'latin1');
    const row = rows[name];
    row.applied++;
    let v;
    try {
      v = parseOne(file, vbytes);
    } catch (err) {
      v = { kind: 'error', recipients: [], error: String(err) };
    }
    // What the notice itself still says (its readable text and DSN part, not the returned message).
    const vtext = [...leaves(tree)]
      .filter(({ inReturned, node }) => !inReturned && !/^text\/rfc822-headers$/.test(contentType(node)))
      .map(({ node }) => leafText(node))
      .join('\n');
    const diffs = [];
    let lawful = true;
    const seen = new Set();
    exp.forEach((x, i) => {
      const a = norm(x.recipient);
      const o = origMatch[i];
      const r = matchOf(v.recipients, a ? ctx.mapAddress(a) : '', i);
      row.of++;
      if (r?.reason === x.reason) row.right[0]++;
      if (o?.reason === x.reason) row.right[1]++;
      const got = {
        reason: [o?.reason ?? '(none)', r?.reason ?? '(none)'],
        status: [o?.status ?? '(none)', r?.status ?? '(none)'],
        recipient: [o ? ctx.mapAddress(norm(o.address)) : '(none)', r ? norm(r.address) : '(none)'],
        type: [o?.type ?? '(none)', r?.type ?? '(none)'],
      };
      for (const k of FIELDS) {
        if (got[k][0] === got[k][1]) continue;
        seen.add(k);
        diffs.push(`${k} ${got[k][0]} → ${got[k][1]}`);
        // Dropping a part may take the information away: a status only the DSN part gave, a reason
        // whose words were only in the dropped part. Such a change is the expected one.
        const gone =
          (name === 'no-dsn' || name === 'no-text') &&
          ((k === 'status' && o?.status && !vtext.includes(o.status)) || (k !== 'status' && k !== 'recipient' && !keeps(vtext, o)));
        if (!gone) lawful = false;
      }
    });
    if (v.kind !== orig.kind) {
      diffs.push(`kind ${orig.kind} → ${v.kind}`);
      lawful = false;
    }
    if (!diffs.length) continue;
    if (writeDir) {
      const out = join(writeDir, name, e.file);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, vbytes);
    }
    row.changed++;
    if (lawful) row.lawful++;
    for (const k of seen) row[k]++;
    row.list.push(`${e.file}: ${[...new Set(diffs)].join('; ')}${lawful ? '  (information removed)' : ''}`);
  }
}

const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '-');
console.log(
  `perturbation eval: ${expected.length} mails, seed ${seed}; unchanged parse: reason right ${pct(origRight, origOf)} % of ${origOf} recipients`,
);
console.log(
  `${'transformation'.padEnd(14)} ${'mails'.padStart(5)} ${'changed'.padStart(8)} ${'removed'.padStart(8)} ${FIELDS.map((k) => k.padStart(9)).join(' ')}  stable %  reason right %`,
);
let allApplied = 0;
let allChanged = 0;
let allLawful = 0;
for (const name of names) {
  const r = rows[name];
  allApplied += r.applied;
  allChanged += r.changed;
  allLawful += r.lawful;
  console.log(
    `${name.padEnd(14)} ${String(r.applied).padStart(5)} ${String(r.changed).padStart(8)} ${String(r.lawful).padStart(8)} ${FIELDS.map((k) => String(r[k]).padStart(9)).join(' ')}  ${pct(r.applied - r.changed + r.lawful, r.applied).padStart(8)}  ${pct(r.right[1], r.of)} → ${pct(r.right[0], r.of)}`,
  );
}
console.log(
  `${'all'.padEnd(14)} ${String(allApplied).padStart(5)} ${String(allChanged).padStart(8)} ${String(allLawful).padStart(8)} ${' '.repeat(39)}  ${pct(allApplied - allChanged + allLawful, allApplied).padStart(8)}`,
);
console.log(
  "changed: variants whose reason, status, recipient, type or kind differ from the unchanged mail's parse; removed: of those, changes where the dropped part held the information (not fragility); stable = unchanged or removed",
);
if (listing) {
  for (const name of names) {
    if (listing.size && !listing.has(name)) continue;
    if (!rows[name].list.length) continue;
    console.log(`\n${name}:`);
    for (const l of rows[name].list) console.log(`  ${l}`);
  }
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(Object.fromEntries(names.map((n) => [n, { ...rows[n] }])), null, 2));
