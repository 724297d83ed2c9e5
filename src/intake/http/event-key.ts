// The idempotency key of an event that carries no id of its provider's: a hash
// of the event as sent, so that the same event posted again counts once.
import { createHash } from 'node:crypto';

export const hashKey = (event: unknown): string => `hash:${createHash('sha256').update(JSON.stringify(event)).digest('hex')}`;
