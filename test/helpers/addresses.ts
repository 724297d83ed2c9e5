// Seeds address rows directly, with the times a test needs (updated_at, last error).
import type { Pool } from '../../src/db/pool.js';

export interface SeedAddress {
  address: string;
  channel?: 'email' | 'sms' | 'push';
  status: string;
  reason?: string | null;
  type?: string | null;
  errorCount?: number;
  lastErrorAt?: Date | null;
  lastErrorText?: string | null;
  updatedAt?: Date;
}

export async function seedAddresses(pool: Pool, rows: readonly SeedAddress[]): Promise<void> {
  for (const r of rows) {
    const at = r.address.lastIndexOf('@');
    await pool.query(
      `INSERT INTO address (channel, address_key, address, domain, status, reason, type, error_count, first_error_at, last_error_at,
         last_significant_error_at, last_error_text, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9, $10, COALESCE($11, now()))`,
      [
        r.channel ?? 'email',
        r.address.toLowerCase(),
        r.address,
        at > 0 ? r.address.slice(at + 1).toLowerCase() : null,
        r.status,
        r.reason ?? null,
        r.type ?? null,
        r.errorCount ?? (r.status === 'valid' ? 0 : 1),
        r.lastErrorAt ?? null,
        r.lastErrorText ?? null,
        r.updatedAt ?? null,
      ],
    );
  }
}

export async function statusOf(pool: Pool, address: string, channel = 'email'): Promise<string | null> {
  const r = await pool.query<{ status: string }>('SELECT status FROM address WHERE channel = $1 AND address_key = $2', [
    channel,
    address.toLowerCase(),
  ]);
  return r.rows[0]?.status ?? null;
}

export async function historyOf(
  pool: Pool,
  address: string,
): Promise<{ from_status: string; to_status: string; by: string; note: string | null }[]> {
  const r = await pool.query<{ from_status: string; to_status: string; by: string; note: string | null }>(
    'SELECT from_status, to_status, by, note FROM address_history WHERE address_key = $1 ORDER BY id',
    [address.toLowerCase()],
  );
  return r.rows;
}
