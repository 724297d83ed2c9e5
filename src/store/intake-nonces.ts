// SQL of intake_nonce: the tokens of signed webhooks already used (Mailgun's),
// remembered for the replay window (docs/intake.md). Shared by all api processes.
import type { Pool } from '../db/pool.js';

/** Whether the nonce was already used by a request whose events were stored. */
export async function nonceSeen(pool: Pool, source: string, nonce: string): Promise<boolean> {
  const r = await pool.query('SELECT 1 FROM intake_nonce WHERE source = $1 AND nonce = $2', [source, nonce]);
  return (r.rowCount ?? 0) > 0;
}

/** Remembers a nonce, and forgets those older than the window (they are refused by their timestamp by then). */
export async function rememberNonce(pool: Pool, source: string, nonce: string, windowSeconds: number): Promise<void> {
  await pool.query(
    `WITH gone AS (DELETE FROM intake_nonce WHERE seen_at < now() - make_interval(secs => $3::float8 * 2))
     INSERT INTO intake_nonce (source, nonce) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [source, nonce, windowSeconds],
  );
}
