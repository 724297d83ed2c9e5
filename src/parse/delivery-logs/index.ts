// Readers of sending MTAs' accounting logs (docs/intake.md, "Delivery reports"):
// each turns one line into an attempt, or null for a line that is none.
// Pure: the CLI (`inmail deliveries ingest`) feeds them lines.
import { attemptOfLine, type DeliveryAttempt } from '../../domain/delivery.js';
import { readKumoLine } from './kumomta.js';
import { readPostfixLine } from './postfix.js';
import { PowerMtaReader } from './powermta.js';

export const LOG_FORMATS = ['postfix', 'kumomta', 'powermta', 'jsonl'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/**
 * A reader for one file (PowerMTA's keeps the header it has seen). A JSON line that is not an
 * attempt is told to `refused` (a log line of another MTA that is no attempt is just skipped).
 */
export function logReader(
  format: LogFormat,
  now: () => Date = () => new Date(),
  refused: (why: string) => void = () => undefined,
): (line: string) => DeliveryAttempt | null {
  switch (format) {
    case 'postfix':
      return (line) => readPostfixLine(line, now());
    case 'kumomta':
      return readKumoLine;
    case 'powermta': {
      const r = new PowerMtaReader();
      return (line) => r.read(line);
    }
    case 'jsonl':
      return (line) => {
        const a = attemptOfLine(line);
        if (typeof a !== 'string') return a;
        refused(a);
        return null;
      };
  }
}

export { readKumoLine, readPostfixLine, PowerMtaReader };
