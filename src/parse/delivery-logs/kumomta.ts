// KumoMTA's JSON log records (one JSON object per line, its documented log
// record): `type` Delivery, Bounce, TransientFailure or Expiration, the
// `recipient`, the remote's `response` {code, enhanced_code {class, subject,
// detail}, content, command} and the `peer_address` {name, addr} it talked to.
// Other types (Reception, AdminBounce, OOB, Feedback...) are not attempts of
// this sender's SMTP conversation and are skipped.
import type { DeliveryAttempt, DeliveryOutcome } from '../../domain/delivery.js';
import { isObject, obj, str } from '../reports/fields.js';

const OUTCOME: Record<string, DeliveryOutcome> = {
  Delivery: 'delivered',
  Bounce: 'failed',
  TransientFailure: 'deferred',
  // Given up after the queue's lifetime: a final failure, with the last reply's text.
  Expiration: 'failed',
};

function enhanced(v: unknown): string {
  if (!isObject(v)) return typeof v === 'string' ? v : '';
  const [c, s, d] = [v.class, v.subject, v.detail];
  return typeof c === 'number' && typeof s === 'number' && typeof d === 'number' ? `${c}.${s}.${d}` : '';
}

export function readKumoLine(line: string): DeliveryAttempt | null {
  const t = line.trim();
  if (!t.startsWith('{')) return null;
  let record: unknown;
  try {
    record = JSON.parse(t);
  } catch {
    return null;
  }
  if (!isObject(record)) return null;
  const outcome = OUTCOME[str(record, 'type')];
  const recipient = str(record, 'recipient');
  if (!outcome || !recipient.includes('@')) return null;
  const response = obj(record, 'response');
  const peer = obj(record, 'peer_address');
  const a: DeliveryAttempt = { recipient, outcome };
  const code = str(response, 'code');
  if (code) a.code = code;
  const status = enhanced(response.enhanced_code);
  if (status) a.enhanced = status;
  const content = str(response, 'content');
  if (content) a.text = content;
  const command = str(response, 'command').trim();
  if (command) a.command = command.split(/[\s:]/)[0] ?? command;
  const host = str(peer, 'name');
  if (host) a.mxHost = host;
  const ip = str(peer, 'addr').replace(/:\d+$/, '');
  if (ip) a.mxIp = ip;
  const ts = record.timestamp;
  const at = typeof ts === 'number' ? new Date(ts < 1e12 ? ts * 1000 : ts) : typeof ts === 'string' ? new Date(ts) : null;
  if (at && !Number.isNaN(at.getTime())) a.at = at.toISOString();
  const id = str(record, 'id');
  if (id) a.deliveryId = id;
  return a;
}
