// A stored mail rendered for people (`inmail mails show`). mailparser reads the
// whole mail here — every part, charsets, encoded words, attachments — because one
// operator lookup can afford it; the worker keeps its own bounded reader
// (src/parse/mime.ts, docs/pipeline.md), several times cheaper per mail
// (`npm run bench:parse` prints both side by side).
import { simpleParser } from 'mailparser';

export interface RenderedMail {
  /** Header fields in order, as written (unfolded), names lower-cased by mailparser. */
  headers: { name: string; value: string }[];
  subject: string | null;
  /** The text body; mailparser derives it from the HTML part when there is no text part. */
  text: string | null;
  attachments: { filename: string | null; contentType: string; size: number; disposition: string | null }[];
}

export async function renderMail(raw: Buffer): Promise<RenderedMail> {
  const m = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  return {
    headers: m.headerLines.map((h) => ({
      name: h.key,
      value: h.line
        .slice(h.line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    })),
    subject: m.subject ?? null,
    text: m.text ?? null,
    attachments: m.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
      disposition: a.contentDisposition ?? null,
    })),
  };
}
