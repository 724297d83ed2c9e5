// Reads a stored provider event (docs/intake.md): the report sources' counterpart
// of parseMail. Pure and never throws: an event that cannot be read comes back
// with `error` set, and the worker keeps it as failed.
import type { ReportSource } from '../../domain/source.js';
import type { ParsedMail } from '../../domain/verdict.js';
import { readDelivery } from './delivery.js';
import { readPostmark } from './postmark.js';
import { unknownReport } from './shape.js';

type Reader = (event: unknown) => ParsedMail;

const READERS: Partial<Record<ReportSource, Reader>> = {
  postmark: readPostmark,
  delivery: readDelivery,
};

export function readReport(source: ReportSource, body: Buffer): ParsedMail {
  const reader = READERS[source];
  if (!reader) return unknownReport(source, `no reader for source ${source}`);
  let event: unknown;
  try {
    event = JSON.parse(body.toString('utf8'));
  } catch (err) {
    return unknownReport(source, `stored event is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return reader(event);
  } catch (err) {
    return unknownReport(source, `unreadable event: ${err instanceof Error ? err.message : String(err)}`);
  }
}
