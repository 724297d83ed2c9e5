// PowerMTA's CSV accounting records: the file's header row names the fields
// (type, timeLogged, rcpt, dsnStatus, dsnDiag, dsnMta, dlvDestinationIp,
// jobId, envId...); without one, PowerMTA's default field order is assumed.
// Type d is a delivery, b a bounce, t / tq a transient failure; the others
// (f feedback, rb remote bounce, rs...) are not this sender's attempts.
import { parse } from 'csv-parse/sync';
import type { DeliveryAttempt, DeliveryOutcome } from '../../domain/delivery.js';

const OUTCOME: Record<string, DeliveryOutcome> = { d: 'delivered', b: 'failed', t: 'deferred', tq: 'deferred' };
/** PowerMTA's default accounting fields, in order. */
export const DEFAULT_FIELDS = [
  'type',
  'timeLogged',
  'timeQueued',
  'orig',
  'rcpt',
  'orcpt',
  'dsnAction',
  'dsnStatus',
  'dsnDiag',
  'dsnMta',
  'bounceCat',
  'srcType',
  'srcMta',
  'dlvType',
  'dlvSourceIp',
  'dlvDestinationIp',
  'dlvEsmtpAvailable',
  'dlvSize',
  'vmta',
  'jobId',
  'envId',
];

/** PowerMTA's "2026-12-06 19:30:01+0000" as ISO text. */
function pmtaDate(v: string): string | undefined {
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)\s*([+-]\d\d):?(\d\d)$/.exec(v.trim());
  const d = m ? new Date(`${m[1]}T${m[2]}${m[3]}:${m[4]}`) : new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export class PowerMtaReader {
  private fields: string[] = DEFAULT_FIELDS;

  read(line: string): DeliveryAttempt | null {
    if (!line.trim()) return null;
    let cells: string[];
    try {
      const rows: string[][] = parse(line, { relax_column_count: true, relax_quotes: true });
      cells = rows[0] ?? [];
    } catch {
      return null;
    }
    if (cells[0] === 'type') {
      this.fields = cells;
      return null;
    }
    const r = new Map(this.fields.map((f, i) => [f, cells[i] ?? '']));
    const outcome = OUTCOME[r.get('type') ?? ''];
    const recipient = r.get('rcpt') ?? '';
    if (!outcome || !recipient.includes('@')) return null;
    const a: DeliveryAttempt = { recipient, outcome };
    // "5.1.1 (bad destination mailbox address)": the code, then PowerMTA's gloss of it.
    const status = /^([245]\.\d{1,3}\.\d{1,3})/.exec(r.get('dsnStatus') ?? '')?.[1];
    if (status) a.enhanced = status;
    // "smtp;550 5.1.1 <x@y>... User unknown": the remote's reply.
    const diag = (r.get('dsnDiag') ?? '').replace(/^smtp;\s*/i, '').trim();
    if (diag) a.text = diag;
    const code = /^([2-5]\d\d)[\s-]/.exec(diag)?.[1];
    if (code) a.code = code;
    // dsnMta: "mx.example.com (192.0.2.25)"
    const mta = /^([^\s(]+)(?:\s*\(([^)]*)\))?/.exec(r.get('dsnMta') ?? '');
    if (mta?.[1]) a.mxHost = mta[1];
    const ip = r.get('dlvDestinationIp') || mta?.[2] || '';
    if (ip) a.mxIp = ip;
    const at = pmtaDate(r.get('timeLogged') ?? '');
    if (at) a.at = at;
    const id = r.get('envId') || r.get('header_Message-Id') || r.get('jobId') || '';
    if (id) a.deliveryId = id;
    return a;
  }
}
