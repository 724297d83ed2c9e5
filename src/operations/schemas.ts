// The zod shapes of what operators send and get back, shared by the CLI (its
// flags are checked with these) and the HTTP API (request and response
// schemas, and the OpenAPI document built from them). docs/api.md.
import { z } from 'zod';
import { MX_SCOPES } from '../domain/mx-rule.js';
import { isReason, REASONS } from '../domain/reasons.js';
import { ruleInputSchema } from '../qualify/rules.js';

export const STATUSES = ['valid', 'erroneous', 'quarantined', 'denylisted', 'allowlisted'] as const;
export const CHANNELS = ['email', 'sms', 'push'] as const;
export const INCIDENT_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export const QUALIFICATION_STATUSES = ['to-qualify', 'keep', 'ignore'] as const;
export const TOKEN_SCOPES = ['read', 'write', 'admin', 'intake'] as const;
export const WEBHOOK_EVENTS = ['address.changed', 'incident.opened', 'incident.confirmed', 'incident.dismissed', 'mx.advice', '*'] as const;
export const MAIL_STATES = ['pending', 'processed', 'failed', 'duplicate'] as const;

export const statusSchema = z.enum(STATUSES);
export const channelSchema = z.enum(CHANNELS);
export const reasonSchema = z
  .string()
  .refine(isReason, { message: 'unknown reason (docs/reasons.md lists them: userunknown, mailboxfull, ...)' })
  .meta({ enum: [...REASONS] });
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, 'must be an ISO date, e.g. 2026-11-23T10:00:00Z')
  .refine((v) => !Number.isNaN(new Date(v).getTime()), 'must be an ISO date, e.g. 2026-11-23T10:00:00Z')
  .transform((v) => new Date(v));
/** A positive integer, from JSON or from a query string / command-line flag. */
export const positiveIntSchema = z
  .union([z.number(), z.string().regex(/^\d+$/, 'must be a positive integer').transform(Number)])
  .pipe(z.number().int('must be a positive integer').min(1, 'must be a positive integer'));
const textList = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

/** The filters of `quarantine list|release|export` (docs/states-and-policy.md), as a query string or JSON body. */
export const addressFilterSchema = z.object({
  status: z
    .union([statusSchema, z.array(statusSchema)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional()
    .describe('only these statuses (repeatable)'),
  channel: channelSchema.optional(),
  reason: reasonSchema.optional(),
  domain: z.string().min(1).optional().describe('addresses at this domain'),
  address: z.string().min(1).optional().describe('the address contains this text'),
  text: textList.optional().describe('the last error text contains this (repeatable; all must match)'),
  since: isoDateSchema.optional().describe('last modified at or after'),
  until: isoDateSchema.optional().describe('last modified at or before'),
});
export type AddressFilterInput = z.output<typeof addressFilterSchema>;

export const listAddressesQuery = addressFilterSchema.extend({
  limit: positiveIntSchema.pipe(z.number().max(1000, 'at most 1000')).optional().describe('page size (default 100, at most 1000)'),
  cursor: z.string().min(1).optional().describe('nextCursor of the previous page'),
});

const nullableIso = z.string().nullable();
export const addressJsonSchema = z.object({
  address: z.string(),
  channel: channelSchema,
  status: statusSchema,
  reason: z.string().nullable(),
  type: z.enum(['hard', 'soft', 'ignored']).nullable(),
  failureReason: z.number().nullable(),
  errorCount: z.number(),
  firstErrorAt: nullableIso,
  lastErrorAt: nullableIso,
  lastErrorText: z.string().nullable(),
  updatedAt: nullableIso,
});
export type AddressJson = z.infer<typeof addressJsonSchema>;

export const historyJsonSchema = z.object({
  at: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  by: z.string(),
  event: z.number().nullable(),
  ruleId: z.string().optional(),
  note: z.string().optional(),
});
export const addressShowSchema = addressJsonSchema.extend({ history: z.array(historyJsonSchema) });
export type AddressShow = z.infer<typeof addressShowSchema>;

export const addressPageSchema = z.object({ items: z.array(addressJsonSchema), nextCursor: z.string().nullable() });

export const channelQuery = z.object({ channel: channelSchema.default('email') });

export const setAddressSchema = z.object({
  status: statusSchema,
  reason: reasonSchema.optional(),
  note: z.string().optional().describe('why (kept in the history)'),
  channel: channelSchema.default('email'),
});
export type SetAddressInput = z.output<typeof setAddressSchema>;
export const setResultSchema = z.object({
  address: z.string(),
  channel: channelSchema,
  from: statusSchema,
  to: statusSchema,
  reason: z.string().nullable(),
  changed: z.boolean(),
});

export const deleteAddressQuery = z.object({ channel: channelSchema.default('email'), note: z.string().optional() });
export const deleteResultSchema = z.object({ address: z.string(), channel: channelSchema, status: statusSchema, deleted: z.literal(true) });

export const releaseSchema = addressFilterSchema.extend({
  dryRun: z.boolean().default(false),
  note: z.string().optional(),
  limit: positiveIntSchema.optional().describe('release at most this many'),
  all: z.boolean().default(false).describe('with no filter: act on every address it would pick (as --all)'),
});
export const releaseResultSchema = z.object({
  dryRun: z.boolean(),
  count: z.number(),
  change: z.number().nullable().describe('the recorded change (POST /v1/changes/{id}/undo takes it back); null for a dry run'),
  addresses: z.array(addressJsonSchema),
});
/** `quarantine delete` with filters: the same body as release (the statuses are not narrowed by default). */
export const deleteMatchingSchema = releaseSchema;

export const changeKinds = ['release', 'delete', 'import', 'reapply', 'undo'] as const;
export const changeJsonSchema = z.object({
  id: z.number(),
  kind: z.enum(changeKinds),
  by: z.string(),
  at: z.string(),
  filter: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  addresses: z.number(),
  undoes: z.number().nullable(),
  undoneBy: z.number().nullable(),
});
export const changesQuery = z.object({ limit: positiveIntSchema.pipe(z.number().max(1000, 'at most 1000')).default(20) });
export const undoResultSchema = z.object({
  changeId: z.number(),
  undoId: z.number().nullable().describe('the change recording this undo (itself undoable)'),
  restored: z.number(),
  skipped: z
    .array(z.object({ channel: z.string(), key: z.string(), status: z.string().nullable(), expected: z.string().nullable() }))
    .describe('addresses changed again since, left as they are'),
});

export const importSchema = z.object({ csv: z.string().min(1).describe('CSV: address, channel, status, reason, note (header first)') });
export const importResultSchema = z.object({
  imported: z.literal(true),
  lines: z.number(),
  changed: z.number(),
  unchanged: z.number(),
  change: z.number().optional().describe('the recorded change, for undo (when something changed)'),
});

export const MAX_CHECK = 100_000;
export const checkSchema = z.object({
  addresses: z.array(z.string()).max(MAX_CHECK, `at most ${MAX_CHECK} addresses per request`),
  channel: channelSchema.default('email'),
});
export const checkResultSchema = z.object({
  blocked: z.array(z.object({ address: z.string(), channel: channelSchema, status: statusSchema, reason: z.string().nullable() })),
});

const mailCountsSchema = z.object({ received: z.number(), processed: z.number(), pending: z.number(), failed: z.number() });
const addressCountsSchema = z.object({
  valid: z.number(),
  erroneous: z.number(),
  quarantined: z.number(),
  denylisted: z.number(),
  allowlisted: z.number(),
});
/** One MX advice in force (docs/mx-advice.md), as the API and `inmail stats` show it. */
export const adviceSchema = z.object({
  scope: z.enum(MX_SCOPES),
  target: z.string(),
  action: z.enum(['block', 'throttle']),
  perHour: z.number().nullable(),
  ruleId: z.string(),
  since: z.string(),
  until: z.string(),
  messages: z.number(),
  errors: z.number(),
});

/** Delivery reports counted over a window. */
export const deliveryCountsSchema = z.object({
  messages: z.number(),
  sent: z.number(),
  failedHard: z.number(),
  failedSoft: z.number(),
  deferred: z.number(),
  senderSide: z.number(),
});

export const statsSchema = z.object({
  mails: mailCountsSchema,
  addresses: addressCountsSchema,
  mailsBySource: z.record(z.string(), mailCountsSchema).describe('the same counts per intake source (smtp, imap, sendgrid, ...)'),
  addressesByChannel: z.record(z.string(), addressCountsSchema).describe('the same counts per channel (email, sms, push)'),
  domainHealth: z.array(
    z.object({
      domain: z.string(),
      errors: z.number(),
      messages: z.number(),
      lastSeenAt: z.string(),
      reasons: z.record(z.string(), z.number()),
    }),
  ),
  /** Delivery reports of the last hour by recipient domain, busiest first (docs/mx-advice.md). */
  deliveries: z.array(z.object({ domain: z.string() }).extend(deliveryCountsSchema.shape)),
  /** The MX advice in force. */
  advice: z.array(adviceSchema),
});
export const statsQuery = z.object({
  days: positiveIntSchema.default(7).describe('domain health: sender-side failures of the last n days'),
});

export const incidentJsonSchema = z.object({
  id: z.number(),
  domain: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  addresses: z.number(),
  held: z.number(),
  sampleText: z.string().nullable(),
  openedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export const incidentListQuery = z.object({ status: z.enum(INCIDENT_STATUSES).optional() });
export const incidentDecisionSchema = z.object({ note: z.string().optional() });
export const incidentDecidedSchema = incidentJsonSchema.extend({ events: z.number(), addressesChanged: z.number() });

export const idParam = z.object({ id: positiveIntSchema });
export const addressParam = z.object({ address: z.string().min(1) });
export const ruleIdParam = z.object({ id: z.string().min(1) });

export { ruleInputSchema };
export const ruleJsonSchema = z.object({
  id: z.string(),
  order: z.number(),
  channel: channelSchema,
  match: z.record(z.string(), z.string()),
  result: z.object({ reason: z.string(), type: z.string(), failureReason: z.number() }),
  example: z.string(),
  enabled: z.boolean(),
  note: z.string().optional(),
  origin: z.enum(['user', 'shipped']),
  hits: z.number().optional(),
  lastHitAt: z.string().nullable().optional(),
});
export const ruleListQuery = z.object({
  origin: z.enum(['user', 'shipped', 'all']).default('all'),
  unusedDays: z
    .union([
      z.number(),
      z
        .string()
        .regex(/^\d+(\.\d+)?$/, 'expected a number of days')
        .transform(Number),
    ])
    .optional(),
});
export const ruleTestSchema = z.object({
  text: z.string().min(1),
  status: z.string().optional(),
  replyCode: z.string().optional(),
  remoteMta: z.string().optional(),
  domain: z.string().optional(),
});
export const ruleTestResultSchema = z.object({
  step: z.string(),
  ruleId: z.string().nullable(),
  why: z.string(),
  reason: z.string(),
  type: z.string(),
  failureReason: z.number(),
  normalized: z.string(),
  textKey: z.string(),
  status: z.string(),
  replyCode: z.string(),
});
/** `rules import --json` and POST /v1/rules/import: counts, then the ids (added, updated, unchanged). */
export const ruleImportResultSchema = z.object({
  imported: z.literal(true),
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  ids: z.array(z.string()),
});
export const backtestSchema = z.object({
  rule: ruleInputSchema.describe('the candidate rule, as `rules add` takes it'),
  days: positiveIntSchema.default(30).describe('stored events of the last N days'),
  examples: positiveIntSchema.pipe(z.number().max(100)).default(10),
});
export const backtestResultSchema = z.object({
  days: z.number(),
  eventsSeen: z.number(),
  eventsMatched: z.number(),
  eventsChanged: z.number(),
  addressesChanged: z.number(),
  byReason: z.record(z.string(), z.number()),
  byDomain: z.record(z.string(), z.number()),
  examples: z.array(
    z.object({
      eventId: z.number(),
      address: z.string(),
      text: z.string(),
      from: z.object({ reason: z.string(), type: z.string() }),
      to: z.object({ reason: z.string(), type: z.string() }),
      addressStatus: z.object({ from: z.string(), to: z.string() }).nullable(),
    }),
  ),
});

export const qualificationJsonSchema = z.object({
  id: z.number(),
  channel: z.string(),
  status: z.enum(QUALIFICATION_STATUSES),
  occurrences: z.number(),
  normalizedText: z.string(),
  firstText: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  reason: z.string().nullable(),
  type: z.string().nullable(),
  failureReason: z.number().nullable(),
  statusCode: z.string().nullable(),
  replyCode: z.string().nullable(),
  ruleId: z.string().nullable(),
  qualifiedBy: z.string().nullable(),
  qualifiedAt: z.string().nullable(),
  refreshedRule: z.string().nullable(),
});
export const qualificationListQuery = z.object({
  status: z.enum(QUALIFICATION_STATUSES).optional(),
  limit: positiveIntSchema.default(100),
});
export const qualificationSetSchema = z.object({
  status: z.enum(QUALIFICATION_STATUSES),
  reason: reasonSchema.optional().describe('required for keep unless the text has one'),
  type: z.enum(['hard', 'soft', 'ignored']).optional(),
  code: z.union([z.number().int().min(0), z.string().regex(/^\d+$/, 'expected a number').transform(Number)]).optional(),
});
export type QualificationSetInput = z.output<typeof qualificationSetSchema>;
export const reapplySchema = z.object({ since: isoDateSchema.optional(), dryRun: z.boolean().default(false) });
export const reapplyResultSchema = z.object({
  dryRun: z.boolean(),
  texts: z.number(),
  eventsSeen: z.number(),
  changed: z.array(
    z.object({
      eventId: z.number(),
      address: z.string(),
      text: z.string(),
      from: z.object({ reason: z.string(), type: z.string(), ruleId: z.string().nullable() }),
      to: z.object({ reason: z.string(), type: z.string(), ruleId: z.string().nullable() }),
      addressStatus: z.object({ from: z.string(), to: z.string() }).nullable(),
    }),
  ),
  toRelease: z.array(z.object({ address: z.string(), status: z.string(), eventId: z.number() })),
  change: z.number().nullable().optional().describe('the recorded change, for undo'),
});

export const mailListQuery = z.object({
  state: z.enum(MAIL_STATES).optional(),
  since: isoDateSchema.optional(),
  until: isoDateSchema.optional(),
  limit: positiveIntSchema.pipe(z.number().max(1000, 'at most 1000')).default(100),
});
export const mailJsonSchema = z.object({
  id: z.number(),
  receivedAt: z.string(),
  source: z.string(),
  state: z.string(),
  kind: z.string().nullable(),
  size: z.number(),
  messageId: z.string().nullable(),
  mailFrom: z.string().nullable(),
  error: z.string().nullable(),
});

export const tokenCreateSchema = z.object({ scope: z.enum(TOKEN_SCOPES), name: z.string().min(1).optional() });
export const tokenJsonSchema = z.object({
  id: z.number(),
  name: z.string().nullable(),
  scope: z.enum(TOKEN_SCOPES),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const tokenCreatedSchema = z.object({ id: z.number(), token: z.string(), scope: z.enum(TOKEN_SCOPES), name: z.string().nullable() });

export const webhookAddSchema = z.object({
  url: z
    .string()
    .url('must be an http(s) URL')
    .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'at least one event'),
  secret: z.string().min(16, 'at least 16 characters').optional(),
});
export const webhookJsonSchema = z.object({
  id: z.number(),
  url: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.string(),
  secret: z.string().optional(),
});
export const deliveryJsonSchema = z.object({
  id: z.number(),
  eventId: z.number(),
  endpointId: z.number(),
  type: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export const deliveriesQuery = z.object({
  failed: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
  limit: positiveIntSchema.default(100),
});

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  field: z.string().optional(),
});

export const eventJsonSchema = z.object({
  id: z.number(),
  occurredAt: z.string(),
  channel: z.string(),
  address: z.string(),
  kind: z.string(),
  action: z.string(),
  status: z.string(),
  replyCode: z.string(),
  reason: z.string(),
  type: z.string(),
  failureReason: z.number(),
  diagnostic: z.string().nullable(),
  remoteMta: z.string().nullable(),
  ruleId: z.string().nullable(),
  outcome: z.string(),
  incidentId: z.number().nullable(),
});
const headerList = z.array(z.object({ name: z.string(), value: z.string() }));
export const explainSchema = z.object({
  address: addressJsonSchema.nullable(),
  deleted: z.boolean().describe('the address was deleted; its history is kept'),
  decidedBy: z
    .object({
      by: z.string(),
      at: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      note: z.string().nullable(),
      ruleId: z.string().nullable(),
    })
    .nullable()
    .describe('the history row that set the current status'),
  event: eventJsonSchema.nullable().describe('the event behind it (or the latest one when an operator or job set it)'),
  decision: z
    .object({
      step: z.string(),
      ruleId: z.string().nullable(),
      rule: z.record(z.string(), z.unknown()).nullable(),
      normalizedText: z.string().nullable(),
      textKey: z.string().nullable(),
      reason: z.string(),
      type: z.string(),
      failureReason: z.number(),
      outcome: z.string(),
    })
    .nullable(),
  mail: z
    .object({
      id: z.number(),
      receivedAt: z.string(),
      source: z.string(),
      messageId: z.string().nullable(),
      mailFrom: z.string().nullable(),
      size: z.number(),
      raw: z.string().describe('where the raw bytes are (message/rfc822)'),
      headers: headerList,
    })
    .nullable(),
  history: z.array(historyJsonSchema),
});
export const mailShowSchema = mailJsonSchema.extend({
  rcptTo: z.array(z.string()),
  headers: headerList,
  parts: z.array(z.object({ contentType: z.string(), size: z.number() })),
  problem: z.string().nullable(),
  parse: z.record(z.string(), z.unknown()).describe('the parser output (docs/parse-output.md), read again from the stored bytes'),
  events: z.array(eventJsonSchema),
});

export const replaySchema = z.object({
  state: z.enum(['pending', 'failed']).default('failed'),
  since: isoDateSchema.optional(),
  until: isoDateSchema.optional(),
  ids: z.array(positiveIntSchema).optional().describe('only these raw mail ids'),
  limit: positiveIntSchema.optional(),
  dryRun: z.boolean().default(false),
});
export const replayResultSchema = z.object({ dryRun: z.boolean(), matched: z.number(), enqueued: z.number(), ids: z.array(z.number()) });
export const exportQuery = addressFilterSchema.extend({ limit: positiveIntSchema.optional() });
