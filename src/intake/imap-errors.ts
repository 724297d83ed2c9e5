// How the IMAP intake reads a failure: what the server said, whether the next
// try will meet the same refusal (login, folder: retried slowly, logged as an
// error) or may well work (network, server: retried with backoff).
import { describe } from '../errors.js';

/** 1 s, 2 s, 4 s ... up to max, with ±20 % jitter so that many instances do not reconnect in step. */
export function backoffMs(failures: number, maxMs: number): number {
  const base = Math.min(maxMs, 1000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** What the server said, rather than imapflow's generic "Command failed". */
export function serverAnswer(err: unknown): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    response?: unknown;
    responseText?: unknown;
    serverResponseCode?: unknown;
  };
  const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const code = text(e.serverResponseCode);
  const said = text(e.responseText) ?? text(e.response);
  if (said) return code && !said.includes(code) ? `[${code}] ${said}` : said;
  return code ?? describe(err);
}

/** A refusal that the next try will meet again. */
export class Refused extends Error {
  constructor(
    readonly what: 'login' | 'folder' | 'target folder',
    readonly answer: string,
    cause: unknown,
  ) {
    super(`${what} refused: ${answer}`, { cause });
    this.name = 'Refused';
  }
}

export function refusalOf(err: unknown): Refused | null {
  if (err instanceof Refused) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as { authenticationFailed?: unknown; mailboxMissing?: unknown };
  if (e.authenticationFailed === true) return new Refused('login', serverAnswer(err), err);
  if (e.mailboxMissing === true) return new Refused('folder', serverAnswer(err), err);
  return null;
}
