// How much MIME structure the parser reads whole (docs/pipeline.md). The SMTP intake refuses what
// goes past these by default (smtp.maxMimeDepth, maxMimeParts, maxHeaderBytes), so that an
// accepted mail is never cut; a mail from elsewhere (IMAP) that goes past them is cut, and says so.
export const MIME_LIMITS = { depth: 12, parts: 400, headerBytes: 256 * 1024 } as const;
