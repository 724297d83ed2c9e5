// Operator decisions on incidents (docs/states-and-policy.md), for the CLI (`inmail incidents ...`)
// and the HTTP API (/v1/incidents...).
import type { Config } from '../config.js';
import type { Pool } from '../db/pool.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { decideIncident, incidentJson } from '../quarantine/incidents.js';
import { findIncident, listIncidents, type Incident, type IncidentStatus } from '../store/incidents.js';

export { incidentJson };

export async function listAll(pool: Pool, status?: IncidentStatus): Promise<Incident[]> {
  return listIncidents(pool, status);
}

export async function showIncident(pool: Pool, id: number): Promise<Incident> {
  const i = await findIncident(pool, id);
  if (!i) throw new NotFoundError(`incident ${id} does not exist`);
  return i;
}

/** Confirm (apply the held events) or dismiss; an incident already decided is a ConflictError. */
export async function decide(config: Config, pool: Pool, id: number, decision: 'confirm' | 'dismiss', by: string, note: string | null) {
  const r = await decideIncident(pool, id, decision, { by, note, policy: config.policy });
  if (r.kind === 'not-found') throw new NotFoundError(`incident ${id} does not exist`);
  if (r.kind === 'not-open') throw new ConflictError(`incident ${id} is already ${r.status}`);
  return { ...incidentJson(r.incident), events: r.events, addressesChanged: r.addressesChanged };
}
