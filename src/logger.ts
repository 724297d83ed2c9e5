// One pino root logger; modules take children carrying their context
// (session id, job id, mailbox), so every line says where it came from.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: { paths: ['password', '*.password', 'accessToken', '*.accessToken', 'url'], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // Logs go to standard error so that `--json` output on standard output stays clean.
    // Asynchronous: a write per line on the hot path cost the daemon a tenth of its
    // throughput; pino flushes what is buffered when the process exits.
    destination ?? pino.destination({ dest: 2, sync: false }),
  );
}
