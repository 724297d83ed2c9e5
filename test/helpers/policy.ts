// The SPEC §5 default thresholds, and worker dependencies built on them, shared by tests.
import { pino } from 'pino';
import type { Pool } from '../../src/db/pool.js';
import type { ProcessDeps } from '../../src/jobs/process-mail.js';
import type { Policy } from '../../src/quarantine/state.js';

export const DEFAULT_POLICY: Policy = {
  softThreshold: 5,
  significantErrorPeriodSeconds: 86_400,
  resetAfterDays: 10,
  erroneousReleaseDays: 10,
  mailboxfullReleaseDays: 30,
  perReason: {},
};

/** What the worker needs to process a mail, silent, with the default policy. */
export function workerDeps(pool: Pool, extra: Partial<ProcessDeps> = {}): ProcessDeps {
  return { pool, policy: DEFAULT_POLICY, keys: { caseSensitiveLocalPart: false }, logger: pino({ level: 'silent' }), ...extra };
}
