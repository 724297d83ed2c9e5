// A small MIME tree editor for the perturbation eval (test/eval/perturb.mjs): it splits a mail
// into its entities without changing a byte (serialize(parseEntity(s)) === s), so that one
// transformation changes only what it means to change. Mails are handled as latin1 strings: one
// character per byte, whatever the charset.

/** Header block, separator and body of one entity (a mail, a part, a returned message). */
export function parseEntity(raw) {
  let head = '';
  let sep = '';
  let body = '';
  const empty = /^\r?\n/.exec(raw);
  if (empty) {
    sep = empty[0];
    body = raw.slice(sep.length);
  } else {
    const m = /\r?\n\r?\n/.exec(raw);
    if (m) {
      head = raw.slice(0, m.index);
      sep = m[0];
      body = raw.slice(m.index + sep.length);
    } else head = raw;
  }
  const node = { head, sep, body, eol: /\r\n/.test(raw) ? '\r\n' : '\n' };
  const type = contentType(node);
  const cte = (headerValue(node, 'content-transfer-encoding') ?? '').trim().toLowerCase();
  const boundary = param(headerValue(node, 'content-type') ?? '', 'boundary');
  if (type.startsWith('multipart/') && boundary) splitMultipart(node, boundary);
  else if (type === 'message/rfc822' && cte !== 'base64' && cte !== 'quoted-printable' && sep) node.message = parseEntity(body);
  return node;
}

function splitMultipart(node, boundary) {
  const esc = boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(^|\\r?\\n)--${esc}(--)?([ \\t]*)(\\r?\\n|$)`, 'g');
  const marks = [...node.body.matchAll(re)];
  if (!marks.length) return;
  node.boundary = boundary;
  node.preamble = node.body.slice(0, marks[0].index);
  node.parts = [];
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i];
    const end = i + 1 < marks.length ? marks[i + 1].index : node.body.length;
    const content = node.body.slice(m.index + m[0].length, end);
    const delim = { pre: m[1], close: m[2] ?? '', trail: m[3], nl: m[4] };
    if (delim.close) {
      node.close = delim;
      node.epilogue = node.body.slice(m.index + m[0].length);
      break;
    }
    node.parts.push({ delim, entity: parseEntity(content) });
  }
}

/** The entity's bytes again. */
export function serialize(node) {
  let body = node.body;
  if (node.parts) {
    const b = node.boundary;
    body =
      node.preamble +
      node.parts.map((p) => `${p.delim.pre}--${b}${p.delim.trail}${p.delim.nl}${serialize(p.entity)}`).join('') +
      (node.close ? `${node.close.pre}--${b}--${node.close.trail}${node.close.nl}${node.epilogue}` : '');
  } else if (node.message) body = serialize(node.message);
  return node.head + node.sep + body;
}

/** Raw header fields, each with its folded continuation lines. */
export function fields(node) {
  if (!node.head) return [];
  return node.head.split(/\r?\n(?![ \t])/);
}

export function headerValue(node, name) {
  const lower = name.toLowerCase() + ':';
  for (const f of fields(node)) {
    if (f.slice(0, lower.length).toLowerCase() === lower) return f.slice(lower.length).replace(/\r?\n[ \t]/g, ' ');
  }
  return null;
}

/** Replaces a header field's value (the first of the name) or adds the field at the end. */
export function setHeader(node, name, value) {
  const lower = name.toLowerCase() + ':';
  const fs = fields(node);
  const i = fs.findIndex((f) => f.slice(0, lower.length).toLowerCase() === lower);
  if (i >= 0) fs[i] = `${fs[i].slice(0, lower.length)} ${value}`;
  else fs.push(`${name}: ${value}`);
  // A part without headers had only the blank line; with a header it needs the line end and the blank line.
  if (!node.head || !node.sep) node.sep = node.eol + node.eol;
  node.head = fs.join(node.eol);
}

export function contentType(node) {
  const v = headerValue(node, 'content-type');
  return v ? v.split(';')[0].trim().toLowerCase() : 'text/plain';
}

export function param(value, name) {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^\\s;]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : null;
}

/** Every entity of the tree, depth first, with whether it lies inside a returned message. */
export function* entities(node, inReturned = false) {
  yield { node, inReturned };
  if (node.parts) for (const p of node.parts) yield* entities(p.entity, inReturned);
  if (node.message) yield* entities(node.message, true);
}

/** Leaf entities: their body is content, not more entities. */
export function* leaves(node) {
  for (const e of entities(node)) if (!e.node.parts && !e.node.message) yield e;
}

function cteOf(node) {
  return (headerValue(node, 'content-transfer-encoding') ?? '').trim().toLowerCase();
}

/** A leaf's decoded bytes (latin1 string). */
export function leafText(node) {
  const cte = cteOf(node);
  if (cte === 'base64') return Buffer.from(node.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1');
  if (cte === 'quoted-printable') return qpDecode(node.body);
  return node.body;
}

/** Writes a leaf's decoded bytes back, in the encoding it has (or `encoding`, header changed). */
export function setLeafText(node, text, encoding) {
  const cte = encoding ?? cteOf(node);
  if (encoding && encoding !== cteOf(node)) setHeader(node, 'Content-Transfer-Encoding', encoding);
  if (cte === 'base64') {
    const b = Buffer.from(text, 'latin1').toString('base64');
    node.body = (b.match(/.{1,76}/g) ?? []).join(node.eol) + node.eol;
  } else if (cte === 'quoted-printable') node.body = qpEncode(text, node.eol);
  else node.body = text;
}

function qpDecode(s) {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

function qpEncode(text, eol) {
  const out = [];
  for (const line of text.split(/\r?\n/)) {
    let enc = '';
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      const last = i === line.length - 1;
      const lit = (c >= 33 && c <= 126 && c !== 61) || ((c === 32 || c === 9) && !last);
      enc += lit ? line[i] : `=${c.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    // Soft line breaks keep each encoded line within 76 characters (RFC 2045 §6.7), never inside =XX.
    let rest = enc;
    while (rest.length > 75) {
      let cut = 75;
      const eq = rest.lastIndexOf('=', cut - 1);
      if (eq > cut - 3) cut = eq;
      out.push(rest.slice(0, cut) + '=');
      rest = rest.slice(cut);
    }
    out.push(rest);
  }
  return out.join(eol);
}
