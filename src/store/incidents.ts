// SQL of incidents (docs/states-and-policy.md): the guard's window count and the
// opening of an incident, inside the worker's transaction; the operator's reads
// and decisions. The events an incident holds are in bounce_event (events.ts).
import type { Pool, PoolClient } from '../db/pool.js';

export type IncidentStatus = 'open' | 'confirmed' | 'dismissed';

export interface Incident {
  id: number;
  domain: string;
  textKey: string;
  sampleText: string | null;
  addresses: number;
  held: number;
  openedAt: Date;
  status: IncidentStatus;
  decidedAt: Date | null;
  decidedBy: string | null;
  note: string | null;
}

interface IncidentRow {
  id: number;
  domain: string;
  text_key: string;
  sample_text: string | null;
  addresses: number;
  held: number;
  opened_at: Date;
  status: IncidentStatus;
  decided_at: Date | null;
  decided_by: string | null;
  note: string | null;
}

const fromRow = (r: IncidentRow): Incident => ({
  id: r.id,
  domain: r.domain,
  textKey: r.text_key,
  sampleText: r.sample_text,
  addresses: r.addresses,
  held: r.held,
  openedAt: r.opened_at,
  status: r.status,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  note: r.note,
});

const SELECT = `SELECT i.*, (SELECT count(*)::int FROM bounce_event e WHERE e.incident_id = i.id) AS held FROM incident i`;

export async function listIncidents(pool: Pool, status?: IncidentStatus): Promise<Incident[]> {
  const r = await pool.query<IncidentRow>(`${SELECT} WHERE ($1::text IS NULL OR i.status = $1) ORDER BY i.opened_at DESC, i.id DESC`, [
    status ?? null,
  ]);
  return r.rows.map(fromRow);
}

export async function findIncident(db: Pool | PoolClient, id: number): Promise<Incident | null> {
  const r = await db.query<IncidentRow>(`${SELECT} WHERE i.id = $1`, [id]);
  return r.rows[0] ? fromRow(r.rows[0]) : null;
}

/** Locks an incident for a decision; its status, or null when there is none. */
export async function lockIncident(db: PoolClient, id: number): Promise<{ status: IncidentStatus } | null> {
  const r = await db.query<{ status: IncidentStatus }>('SELECT status FROM incident WHERE id = $1 FOR UPDATE', [id]);
  return r.rows[0] ?? null;
}

export async function closeIncident(
  db: PoolClient,
  id: number,
  status: 'confirmed' | 'dismissed',
  by: string,
  note: string | null,
): Promise<void> {
  await db.query(`UPDATE incident SET status = $2, decided_at = now(), decided_by = $3, note = $4 WHERE id = $1`, [id, status, by, note]);
}

export async function countOpenIncidents(pool: Pool): Promise<number> {
  const r = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM incident WHERE status = 'open'`);
  return r.rows[0]?.n ?? 0;
}

/** Per (domain, text key) pair: its open incident, or else its distinct hard-failed addresses in the window (see quarantine/incident-guard.ts). */
export async function guardWindow(
  db: PoolClient,
  domains: readonly string[],
  keys: readonly string[],
  windowSeconds: number,
): Promise<{ domain: string; text_key: string; open_id: number | null; n: number | null }[]> {
  const r = await db.query<{ domain: string; text_key: string; open_id: number | null; n: number | null }>({
    name: 'inmail-guard',
    text: `SELECT k.domain, k.text_key, o.id AS open_id,
       CASE WHEN o.id IS NULL THEN
         (SELECT count(DISTINCT e.address_key)::int FROM bounce_event e
           WHERE e.text_key = k.text_key AND e.domain = k.domain AND e.type = 'hard' AND e.action = 'failed'
             AND e.received_at > greatest(now() - make_interval(secs => $3),
               coalesce((SELECT max(decided_at) FROM incident d WHERE d.domain = k.domain AND d.text_key = k.text_key), '-infinity')))
       END AS n
     FROM unnest($1::text[], $2::text[]) AS k(domain, text_key)
     LEFT JOIN LATERAL (SELECT id FROM incident i WHERE i.domain = k.domain AND i.text_key = k.text_key AND i.status = 'open') o ON true`,
    values: [domains, keys, windowSeconds],
  });
  return r.rows;
}

/** Opens an incident for the pair, or finds the one another worker just opened; `created` says which. */
export async function openIncident(
  db: PoolClient,
  p: { domain: string; textKey: string; sample: string; addresses: number },
): Promise<{ id: number; created: boolean } | null> {
  // Concurrent workers crossing the threshold together meet on the unique open index.
  const r = await db.query<{ id: number; created: boolean }>(
    `INSERT INTO incident (domain, text_key, sample_text, addresses) VALUES ($1, $2, $3, $4)
     ON CONFLICT (domain, text_key) WHERE status = 'open' DO UPDATE SET domain = EXCLUDED.domain
     RETURNING id, (xmax = 0) AS created`,
    [p.domain, p.textKey, p.sample.slice(0, 2000), p.addresses],
  );
  return r.rows[0] ?? null;
}
