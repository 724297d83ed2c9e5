// A bounce event: one per recipient a processed mail speaks of, as the worker
// writes it to bounce_event and as the qualification log and the metrics read it.

export interface EventRow {
  rawMailId: number;
  receivedAt: Date;
  occurredAt: Date;
  channel: string;
  address: string;
  addressKey: string;
  domain: string | null;
  kind: string;
  action: string;
  status: string;
  replyCode: string;
  reason: string;
  type: string;
  failureReason: number;
  diagnostic: string | null;
  remoteMta: string | null;
  feedbackType: string | null;
  originalMessageId: string | null;
  verp: string | null;
  deliveryId: string | null;
  ruleId: string | null;
  /** md5 of the normalized diagnostic (qualify/normalize.ts): links the event to its qualification row. */
  textKey?: string | null;
  /** The normalized diagnostic itself, for the qualification log (not stored with the event). */
  normalized?: string | null;
  /** The incident that holds this event (docs/states-and-policy.md). */
  incidentId?: number | null;
  /** applied / counted-once / ignored / allowlisted / unverified / held */
  outcome: string;
}
