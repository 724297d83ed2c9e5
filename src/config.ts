// The one place that knows configuration: a zod schema (every key typed,
// defaulted, described), a YAML file and the INMAIL_* environment variables.
// loadConfig is pure: the caller passes the environment and the file reader.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isReason } from './domain/reasons.js';
import { DEFAULT_SMS_KEYWORDS } from './domain/sms-keywords.js';
import { ConfigError } from './errors.js';
import { MIME_LIMITS } from './parse/limits.js';

const seconds = (d: number, what: string) => z.number().int().min(0).default(d).describe(what);
const days = (d: number, what: string) => z.number().min(0).default(d).describe(what);
/** A pattern the config names must compile: a typo is a start-up error, not a refusal of every request. */
const compiles = (pattern: string): boolean => {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
};

const reasonPolicy = z
  .object({
    softThreshold: z.number().int().min(1).optional().describe('soft errors that quarantine an address, for this reason'),
    resetAfterDays: z.number().min(0).optional().describe('days after which the soft error count restarts, for this reason'),
    erroneousReleaseDays: z
      .number()
      .min(0)
      .optional()
      .describe('days idle after which an erroneous address becomes valid, for this reason'),
    quarantineReleaseDays: z
      .number()
      .min(0)
      .optional()
      .describe('days idle after which a quarantined address with this reason becomes valid (unset: never)'),
  })
  .strict();

export const imapMailboxSchema = z
  .object({
    name: z.string().min(1).optional().describe('label used in logs, metrics and the Redis lease (default user@host/folder)'),
    host: z.string().min(1).describe('IMAP server host'),
    port: z.number().int().min(1).max(65535).default(993).describe('IMAP server port'),
    tls: z.enum(['implicit', 'starttls', 'none']).default('implicit').describe('implicit TLS (993), STARTTLS, or none (tests only)'),
    user: z.string().min(1).describe('login user'),
    password: z.string().optional().describe('login password'),
    accessToken: z.string().optional().describe('OAuth2 access token (instead of password)'),
    folder: z.string().min(1).default('INBOX').describe('folder to read'),
    after: z
      .string()
      .regex(/^(move:.+|seen|delete)$/, 'must be move:FOLDER, seen or delete')
      .default('move:Processed')
      .describe('what to do with a mail once it is stored: move:FOLDER (created if missing), seen, or delete'),
    kind: z.enum(['bounce', 'feedback']).default('bounce').describe('hint: a bounce mailbox or a feedback-loop mailbox'),
  })
  .strict();
export type ImapMailboxConfig = z.infer<typeof imapMailboxSchema>;

export const configSchema = z
  .object({
    database: z
      .object({
        url: z.string().min(1).default('postgres://postgres@127.0.0.1:5432/inmail').describe('Postgres URL (INMAIL_DATABASE_URL)'),
        readUrl: z.string().min(1).optional().describe('read replica for operator queries (INMAIL_DATABASE_READ_URL)'),
        poolSize: z.number().int().min(1).default(10).describe('connections per process'),
      })
      .strict()
      .default({ url: 'postgres://postgres@127.0.0.1:5432/inmail', poolSize: 10 }),
    redis: z
      .object({
        url: z.string().min(1).default('redis://127.0.0.1:6379').describe('Redis URL (INMAIL_REDIS_URL)'),
      })
      .strict()
      .default({ url: 'redis://127.0.0.1:6379' }),
    queue: z
      .object({
        prefix: z
          .string()
          .min(1)
          .default('inmail')
          .describe('BullMQ key prefix (INMAIL_QUEUE_PREFIX); on Redis Cluster use a hash tag such as {inmail}'),
        concurrency: z
          .number()
          .int()
          .min(1)
          .default(512)
          .describe('jobs a worker process handles at once; they are committed together in micro-batches, so more means larger batches'),
        workerThreads: z
          .number()
          .int()
          .min(0)
          .max(32)
          .optional()
          .describe(
            'threads that run the worker role, each with its own database pool and Redis connections, so that parsing and ' +
              'committing use another core than the intakes; 0: in the main thread; unset: one when the process also runs ' +
              'an intake (smtp, imap, or api with its webhooks) on more than one CPU, else 0',
          ),
        workerNice: z
          .number()
          .int()
          .min(0)
          .max(19)
          .default(0)
          .describe(
            'added to the nice value of each worker thread (Linux), so that SMTP replies and API reads get the CPU before ' +
              "a batch's parsing when both want it, at the price of later commits; 0: the process's priority. A process of " +
              "the worker role without the api role that leads its session also adds it to its session's autogroup " +
              '(docs/api.md, autogroups)',
          ),
        attempts: z.number().int().min(1).default(5).describe('tries of a job before its raw mail is marked failed'),
        sweepEverySeconds: seconds(5, 'how often raw mails left pending are re-enqueued (and the maintenance schedulers checked)'),
        stuckAfterSeconds: seconds(
          10,
          'age after which a pending raw mail counts as stuck and is re-enqueued unless a queued job names it',
        ),
        maxPendingAgeSeconds: seconds(
          600,
          'a scheduler is not ready (/readyz) while the oldest pending raw mail is older than this; 0: no bound',
        ),
        cleanupEverySeconds: seconds(3600, 'how often the address cleanup job runs'),
        lockSeconds: z
          .number()
          .int()
          .min(1)
          .default(6)
          .describe(
            'lock on a running job, renewed every half of it while the job runs; the jobs of a worker that died return to the ' +
              'queue within 1.5 times this (docs/reliability.md)',
          ),
        maxBacklog: z
          .number()
          .int()
          .min(0)
          .default(20_000)
          .describe('pending raw mails above which SMTP answers 451 4.3.2 (senders retry) instead of letting latency grow; 0: no bound'),
        backlogRefreshMs: z
          .number()
          .int()
          .min(50)
          .default(1000)
          .describe('how often the intakes re-read the backlog (one query each time, never one per mail)'),
        jobLingerMs: z
          .number()
          .int()
          .min(0)
          .max(1000)
          .default(50)
          .describe(
            'how long the SMTP intake gathers acknowledged mails into one job (up to 100): fewer, larger jobs cost Redis and the ' +
              'worker less (50 ms against 20: ~15 % less CPU per mail in the bench); adds up to this much latency before processing',
          ),
      })
      .strict()
      .default({
        prefix: 'inmail',
        concurrency: 512,
        workerNice: 0,
        attempts: 5,
        sweepEverySeconds: 5,
        stuckAfterSeconds: 10,
        maxPendingAgeSeconds: 600,
        cleanupEverySeconds: 3600,
        lockSeconds: 6,
        maxBacklog: 20_000,
        backlogRefreshMs: 1000,
        jobLingerMs: 50,
      }),
    smtp: z
      .object({
        host: z.string().min(1).default('0.0.0.0').describe('listen address (INMAIL_SMTP_HOST)'),
        port: z.number().int().min(0).max(65535).default(2525).describe('listen port (INMAIL_SMTP_PORT); 0 picks a free port'),
        hostname: z.string().min(1).default('inmail.localhost').describe('name in the greeting and Received headers'),
        bounceDomains: z
          .array(z.string().min(1))
          .default([])
          .describe('domains whose recipients are accepted (INMAIL_BOUNCE_DOMAINS, comma list); required for the smtp role'),
        maxMessageBytes: z
          .number()
          .int()
          .min(1024)
          .default(10 * 1024 * 1024)
          .describe('largest message accepted (552 above)'),
        maxDataBytesInFlight: z
          .number()
          .int()
          .min(1024)
          .default(128 * 1024 * 1024)
          .describe(
            'bytes of message data all SMTP sessions hold at once before the commit; a message that would pass it is answered 452 4.3.1 (the sender retries); one message alone always fits',
          ),
        maxClients: z.number().int().min(1).default(500).describe('simultaneous SMTP connections in all'),
        maxConnectionsPerClient: z.number().int().min(1).default(20).describe('simultaneous connections from one IP address'),
        maxMessagesPerMinutePerClient: z.number().int().min(1).default(6000).describe('messages accepted per minute from one IP address'),
        maxRecipients: z.number().int().min(1).default(100).describe('RCPT TO per message'),
        maxHeaderBytes: z
          .number()
          .int()
          .min(1024)
          .default(MIME_LIMITS.headerBytes)
          .describe('largest top-level header accepted (552 5.3.4 above)'),
        maxMimeDepth: z
          .number()
          .int()
          .min(1)
          .default(MIME_LIMITS.depth)
          .describe('deepest nesting of multiparts accepted (554 5.6.0 deeper); the parser reads this deep'),
        maxMimeParts: z
          .number()
          .int()
          .min(1)
          .default(MIME_LIMITS.parts)
          .describe('most MIME parts accepted (554 5.6.0 above); the parser reads this many'),
        socketTimeoutSeconds: z
          .number()
          .int()
          .min(1)
          .default(60)
          .describe('time a client may take to send one complete command (bytes trickled in do not count): 421 4.4.2 after it'),
        maxSessionSeconds: z
          .number()
          .int()
          .min(1)
          .default(900)
          .describe('length of an SMTP session; after it the session ends between transactions (421 4.4.2)'),
        maxDataSeconds: z.number().int().min(1).default(600).describe('time DATA may take in all (421 4.4.2 after it)'),
        minDataBytesPerSecond: z
          .number()
          .int()
          .min(0)
          .default(1024)
          .describe('slowest average rate of DATA accepted once it has lasted smtp.dataGraceSeconds (421 4.4.2 below it); 0: no minimum'),
        dataGraceSeconds: z.number().int().min(0).default(10).describe('DATA time before smtp.minDataBytesPerSecond is enforced'),
        tls: z
          .object({
            cert: z
              .string()
              .min(1)
              .optional()
              .describe('PEM certificate chain for STARTTLS (INMAIL_SMTP_TLS_CERT); reloaded when the file changes'),
            key: z
              .string()
              .min(1)
              .optional()
              .describe('PEM private key for STARTTLS (INMAIL_SMTP_TLS_KEY); reloaded when the file changes'),
          })
          .strict()
          .default({})
          .describe('STARTTLS is offered when both cert and key are set (TLS 1.2 or later)'),
      })
      .strict()
      .default({
        host: '0.0.0.0',
        port: 2525,
        hostname: 'inmail.localhost',
        bounceDomains: [],
        maxMessageBytes: 10 * 1024 * 1024,
        maxDataBytesInFlight: 128 * 1024 * 1024,
        maxClients: 500,
        maxConnectionsPerClient: 20,
        maxMessagesPerMinutePerClient: 6000,
        maxRecipients: 100,
        maxHeaderBytes: MIME_LIMITS.headerBytes,
        maxMimeDepth: MIME_LIMITS.depth,
        maxMimeParts: MIME_LIMITS.parts,
        socketTimeoutSeconds: 60,
        maxSessionSeconds: 900,
        maxDataSeconds: 600,
        minDataBytesPerSecond: 1024,
        dataGraceSeconds: 10,
        tls: {},
      }),
    imap: z
      .object({
        mailboxes: z.array(imapMailboxSchema).default([]).describe('mailboxes to poll (INMAIL_IMAP_URL adds one)'),
        pollEverySeconds: seconds(60, 'poll interval when the server has no IDLE'),
        batchSize: z.number().int().min(1).default(500).describe('mails fetched per batch'),
        leaseSeconds: z
          .number()
          .int()
          .min(1)
          .default(10)
          .describe('Redis lease on a mailbox, renewed every third of it while polling; a dead holder loses it after this'),
        batchMaxBytes: z
          .number()
          .int()
          .min(1024)
          .default(32 * 1024 * 1024)
          .describe('bodies held in memory per batch, at most (a single larger mail is fetched alone)'),
        reconnectMaxSeconds: z
          .number()
          .int()
          .min(1)
          .default(60)
          .describe('longest wait between reconnects after a network or server error (backoff from 1 s)'),
        authRetrySeconds: z.number().int().min(1).default(300).describe('wait before retrying a mailbox whose login or folder was refused'),
      })
      .strict()
      .default({
        mailboxes: [],
        pollEverySeconds: 60,
        batchSize: 500,
        leaseSeconds: 10,
        batchMaxBytes: 32 * 1024 * 1024,
        reconnectMaxSeconds: 60,
        authRetrySeconds: 300,
      }),
    http: z
      .object({
        host: z
          .string()
          .min(1)
          .default('127.0.0.1')
          .describe(
            'listen address of metrics, health and /incidents (INMAIL_HTTP_HOST); loopback unless set, since nothing there asks for a password',
          ),
        port: z
          .number()
          .int()
          .min(0)
          .max(65535)
          .default(9187)
          .describe('metrics, /healthz, /readyz (INMAIL_HTTP_PORT); 0 picks a free port'),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 9187 }),
    api: z
      .object({
        host: z
          .string()
          .min(1)
          .default('127.0.0.1')
          .describe('listen address of the HTTP API and console (INMAIL_API_HOST; 0.0.0.0 for every interface)'),
        port: z
          .number()
          .int()
          .min(0)
          .max(65535)
          .default(8025)
          .describe('HTTP API, /openapi.json, /ui (INMAIL_API_PORT); 0 picks a free port'),
        thread: z
          .boolean()
          .optional()
          .describe(
            'serve the API from a thread of its own, with its own database pools, Redis connection and event loop, so that ' +
              'SMTP sessions and the scheduler on the main thread do not delay its answers (when the process runs another ' +
              'role besides api); off by default: on two cores it measured no better and cost 45 MB',
          ),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8025 }),
    webhooks: z
      .object({
        attempts: z
          .number()
          .int()
          .min(1)
          .default(15)
          .describe('tries per delivery; with backoffSeconds 10 the last is about 45 h after the first'),
        backoffSeconds: z.number().min(0.01).default(10).describe('wait before the first retry; doubled on each later one'),
        timeoutSeconds: z.number().min(0.1).default(10).describe('longest wait for a receiver to answer one delivery'),
        concurrency: z.number().int().min(1).default(8).describe('deliveries in flight per api process'),
        pollMs: z.number().int().min(10).default(500).describe('how often the outbox is read for new events'),
        // Inbound: how each provider's webhook on /v1/intake/* is verified (docs/intake.md).
        ses: z
          .object({
            trustedCerts: z.array(z.string().min(1)).default([]).describe('PEM files of SNS signing certificates trusted without fetching'),
            topicArns: z
              .array(z.string().min(1))
              .default([])
              .describe('SNS topic ARNs accepted; empty: the SES intake is off (404 naming this setting)'),
            certHost: z
              .string()
              .min(1)
              .refine(compiles, { message: 'not a valid regular expression' })
              .default('^sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$')
              .describe(
                'pattern (regular expression, matched against the whole host name) of hosts SNS certificates and subscription URLs may be fetched from, over https',
              ),
            maxAgeSeconds: z
              .number()
              .int()
              .min(0)
              .default(3600)
              .describe('an SNS message whose Timestamp is older is refused as a replay; 0: no limit'),
          })
          .strict()
          .optional(),
        sendgrid: z
          .object({
            verificationKey: z
              .string()
              .min(1)
              .refine((k): boolean => ecPublicKey(k) !== null, {
                message: 'not an EC public key (base64 of its DER, as SendGrid shows it, or PEM)',
              })
              .describe('the public key SendGrid shows (INMAIL_SENDGRID_VERIFICATION_KEY)'),
          })
          .strict()
          .optional(),
        postmark: z
          .object({
            auth: z
              .string()
              .regex(/^[^:]+:.+$/, 'user:password')
              .describe('basic auth of the webhook URL (INMAIL_POSTMARK_AUTH)'),
          })
          .strict()
          .optional(),
        mailgun: z
          .object({ signingKey: z.string().min(1).describe('HTTP webhook signing key (INMAIL_MAILGUN_SIGNING_KEY)') })
          .strict()
          .optional(),
        twilio: z
          .object({
            authToken: z.string().min(1).describe('signs X-Twilio-Signature (INMAIL_TWILIO_AUTH_TOKEN)'),
            publicUrl: z
              .string()
              .url()
              .optional()
              .describe('the URL Twilio posts to, as Twilio sees it (signatures cover it); default: from the request'),
          })
          .strict()
          .optional(),
        sms: z
          .object({
            stopWords: z
              .array(z.string().min(1))
              .default([...DEFAULT_SMS_KEYWORDS.stopWords])
              .describe('SMS replies that put the number on the denylist (compared case-insensitively); add other languages, e.g. ARRET'),
            startWords: z
              .array(z.string().min(1))
              .default([...DEFAULT_SMS_KEYWORDS.startWords])
              .describe('SMS replies that lift a denylist an SMS STOP set (never one an operator set)'),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({ attempts: 15, backoffSeconds: 10, timeoutSeconds: 10, concurrency: 8, pollMs: 500 }),
    log: z
      .object({
        level: z
          .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
          .default('info')
          .describe('pino level (INMAIL_LOG_LEVEL)'),
      })
      .strict()
      .default({ level: 'info' }),
    policy: z
      .object({
        softThreshold: z.number().int().min(1).default(5).describe('soft errors that quarantine an address (INMAIL_SOFT_THRESHOLD)'),
        significantErrorPeriodSeconds: seconds(
          86400,
          'soft errors closer together than this count once; 0 counts every error (INMAIL_SIGNIFICANT_ERROR_PERIOD)',
        ),
        resetAfterDays: days(10, 'a soft error restarts the count at 1 when the last significant error is older than this'),
        erroneousReleaseDays: days(10, 'erroneous addresses idle this long become valid'),
        mailboxfullReleaseDays: days(30, 'erroneous or quarantined addresses with reason mailboxfull idle this long become valid'),
        caseSensitiveLocalPart: z.boolean().default(false).describe('compare the local part of email addresses case-sensitively'),
        perReason: z
          .record(
            z.string().refine((k): boolean => isReason(k), { message: 'unknown reason (docs/reasons.md lists them)' }),
            reasonPolicy,
          )
          .default({})
          .describe('thresholds overridden per reason (keys: reason names, docs/reasons.md)'),
      })
      .strict()
      .default({
        softThreshold: 5,
        significantErrorPeriodSeconds: 86400,
        resetAfterDays: 10,
        erroneousReleaseDays: 10,
        mailboxfullReleaseDays: 30,
        caseSensitiveLocalPart: false,
        perReason: {},
      }),
    rules: z
      .object({
        shippedDir: z.string().min(1).optional().describe('folder of the shipped rule set (*.yaml); default: config/rules of the package'),
        pollSeconds: z
          .number()
          .min(0.1)
          .default(3)
          .describe('how often workers check the rules version, the fallback of the Redis notification'),
        flushSeconds: z.number().min(0.1).default(1).describe('how often workers write the qualification log counts they added up'),
      })
      .strict()
      .default({ pollSeconds: 3, flushSeconds: 1 }),
    retention: z
      .object({
        rawMailDays: days(
          90,
          'raw mails older than this are dropped, a month at a time (a monthly partition goes once all of it is older); ' +
            'a month still holding pending mails is kept; 0: keep forever',
        ),
        eventDays: days(365, 'bounce events older than this are dropped, a month at a time; 0: keep forever'),
        attemptKeyDays: days(
          14,
          'a delivery-report attempt posted again within this many days of its first copy changes nothing; ' +
            'older attempt keys are forgotten (about 112 bytes per attempt); 0: keep forever',
        ),
        everySeconds: seconds(86400, 'how often the retention job runs'),
      })
      .strict()
      .default({ rawMailDays: 90, eventDays: 365, attemptKeyDays: 14, everySeconds: 86400 }),
    guard: z
      .object({
        enabled: z.boolean().default(true).describe('hold mass hard failures of one (recipient domain, normalized text) in an incident'),
        threshold: z
          .number()
          .int()
          .min(1)
          .default(200)
          .describe('distinct addresses within the window above which further quarantines are held'),
        windowSeconds: z.number().int().min(1).default(600).describe('sliding window of the incident guard'),
      })
      .strict()
      .default({ enabled: true, threshold: 200, windowSeconds: 600 }),
    operator: z
      .object({
        confirmAbove: z
          .number()
          .int()
          .min(0)
          .default(1000)
          .describe('a release or delete of more addresses than this asks for confirmation on a terminal, and otherwise needs --yes'),
      })
      .strict()
      .default({ confirmAbove: 1000 }),
    verp: z
      .object({
        secret: z.string().min(16).optional().describe('HMAC key of VERP tokens (INMAIL_VERP_SECRET); unset: tokens are not checked'),
        requireValid: z.boolean().default(true).describe('a bounce or complaint whose VERP token does not verify changes no address'),
        fblDkimDomains: z
          .array(z.string().min(1))
          .default([])
          .describe(
            'feedback-loop providers (DKIM d= domains, subdomains included) whose signed complaints count without a VERP token ' +
              '(INMAIL_FBL_DKIM_DOMAINS, comma list)',
          ),
      })
      .strict()
      .default({ requireValid: true, fblDkimDomains: [] }),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

// Defined beside the other errors so that the CLI can map it to exit 2 without loading the schema.
export { ConfigError } from './errors.js';

type Env = Record<string, string | undefined>;
type Tree = Record<string, unknown>;

function setPath(tree: Tree, path: string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Tree;
  }
  node[path[path.length - 1] as string] = value;
}

const int = (v: string): number | string => (/^-?\d+$/.test(v.trim()) ? Number(v) : v);
const list = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Environment variable → config path and converter (docs/cli.md). */
const ENV_MAP: Record<string, [string[], (v: string) => unknown]> = {
  INMAIL_DATABASE_URL: [['database', 'url'], String],
  INMAIL_DATABASE_READ_URL: [['database', 'readUrl'], String],
  INMAIL_REDIS_URL: [['redis', 'url'], String],
  INMAIL_QUEUE_PREFIX: [['queue', 'prefix'], String],
  INMAIL_SMTP_HOST: [['smtp', 'host'], String],
  INMAIL_SMTP_PORT: [['smtp', 'port'], int],
  INMAIL_BOUNCE_DOMAINS: [['smtp', 'bounceDomains'], list],
  INMAIL_SMTP_TLS_CERT: [['smtp', 'tls', 'cert'], String],
  INMAIL_SMTP_TLS_KEY: [['smtp', 'tls', 'key'], String],
  INMAIL_HTTP_HOST: [['http', 'host'], String],
  INMAIL_HTTP_PORT: [['http', 'port'], int],
  INMAIL_API_PORT: [['api', 'port'], int],
  INMAIL_API_HOST: [['api', 'host'], String],
  INMAIL_LOG_LEVEL: [['log', 'level'], String],
  INMAIL_SOFT_THRESHOLD: [['policy', 'softThreshold'], int],
  INMAIL_SIGNIFICANT_ERROR_PERIOD: [['policy', 'significantErrorPeriodSeconds'], int],
  INMAIL_VERP_SECRET: [['verp', 'secret'], String],
  INMAIL_FBL_DKIM_DOMAINS: [['verp', 'fblDkimDomains'], list],
  INMAIL_MAILGUN_SIGNING_KEY: [['webhooks', 'mailgun', 'signingKey'], String],
  INMAIL_SENDGRID_VERIFICATION_KEY: [['webhooks', 'sendgrid', 'verificationKey'], String],
  INMAIL_POSTMARK_AUTH: [['webhooks', 'postmark', 'auth'], String],
  INMAIL_TWILIO_AUTH_TOKEN: [['webhooks', 'twilio', 'authToken'], String],
};

/** Environment variable → config path (docs/cli.md), for the reference. */
export const ENV_VARIABLES: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries(ENV_MAP).map(([name, [path]]) => [name, path]),
);

/**
 * An EC public key as SendGrid shows it (base64 of its SPKI DER) or as PEM, or null: checked
 * at load, so that a wrong paste stops the start naming the key; the SendGrid intake verifies with it.
 */
export function ecPublicKey(text: string): KeyObject | null {
  try {
    const t = text.trim();
    const key = t.startsWith('-----BEGIN')
      ? createPublicKey(t)
      : createPublicKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ec' ? key : null;
  } catch {
    return null;
  }
}

/** INMAIL_IMAP_URL: imap://USER:PASS@HOST:PORT/FOLDER?tls=...&after=...&kind=... */
export function mailboxFromUrl(raw: string): Tree {
  const url = new URL(raw);
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') throw new Error(`scheme must be imap: or imaps:, got ${url.protocol}`);
  const q = url.searchParams;
  const tls = q.get('tls') ?? (url.protocol === 'imaps:' ? 'implicit' : 'starttls');
  const folder = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  const box: Tree = {
    host: url.hostname,
    port: url.port ? Number(url.port) : tls === 'implicit' ? 993 : 143,
    tls,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    folder,
  };
  const after = q.get('after');
  if (after) box.after = after;
  const kind = q.get('kind');
  if (kind) box.kind = kind;
  return box;
}

export interface LoadOptions {
  env: Env;
  /** Reads a file; injected so that tests need no disk. */
  readFile?: (path: string) => string;
  fileExists?: (path: string) => boolean;
  cwd?: string;
}

/** Variables whose value is never printed in a message. */
const SECRET_VARIABLES = new Set([
  'INMAIL_DATABASE_URL',
  'INMAIL_DATABASE_READ_URL',
  'INMAIL_REDIS_URL',
  'INMAIL_VERP_SECRET',
  'INMAIL_IMAP_URL',
  'INMAIL_DATABASE_PASSWORD',
  'INMAIL_MAILGUN_SIGNING_KEY',
  'INMAIL_POSTMARK_AUTH',
  'INMAIL_TWILIO_AUTH_TOKEN',
]);

/** A record key refused says why (zod's own text is "Invalid key in record"). */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key' && issue.issues.length > 0) return issue.issues.map((i) => i.message).join('; ');
  return issue.message;
}

/** One schema issue, said with where its value came from: the variable (and its value) or the file key. */
function describeIssue(issue: z.core.$ZodIssue, where: { file: string | null; env: Env; imapIndex: number | null }): string {
  const path = issue.path.map(String);
  if (where.imapIndex !== null && path[0] === 'imap' && path[1] === 'mailboxes' && path[2] === String(where.imapIndex)) {
    const part = path.slice(3).join('.');
    return `INMAIL_IMAP_URL: ${part ? `${part}: ` : ''}${issueMessage(issue)}`;
  }
  const key = path.join('.') || '(top level)';
  const variable = Object.entries(ENV_MAP).find(
    ([, [p]]) => p.join('.') === key.split('.').slice(0, p.length).join('.') && p.length <= path.length,
  )?.[0];
  const value = variable ? where.env[variable] : undefined;
  if (variable && value !== undefined && value !== '') {
    return `${key} (${SECRET_VARIABLES.has(variable) ? variable : `${variable}=${value}`}): ${issueMessage(issue)}`;
  }
  return `${key}${where.file ? ` (in ${where.file})` : ''}: ${issueMessage(issue)}`;
}

/**
 * The environment with every `NAME_FILE` read into `NAME` (docker and compose
 * secrets are files): the file's content, trimmed; an empty file counts as
 * unset. A variable set directly wins over its file.
 * INMAIL_DATABASE_PASSWORD goes into the database URL when that has none.
 */
function withSecretFiles(env: Env, readFile: (path: string) => string, problems: string[]): Env {
  const out: Env = { ...env };
  for (const [name, path] of Object.entries(env)) {
    if (!name.startsWith('INMAIL_') || !name.endsWith('_FILE') || name === 'INMAIL_CONFIG_FILE' || !path) continue;
    const target = name.slice(0, -'_FILE'.length);
    if (env[target] !== undefined && env[target] !== '') continue;
    try {
      out[target] = readFile(path).trim();
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      problems.push(`${name} ${path}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'not readable' : e.message}`);
    }
    delete out[name];
  }
  const password = out.INMAIL_DATABASE_PASSWORD;
  if (password) {
    const url = out.INMAIL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/inmail';
    try {
      const u = new URL(url);
      if (!u.password) u.password = encodeURIComponent(password);
      out.INMAIL_DATABASE_URL = u.toString();
    } catch {
      problems.push('INMAIL_DATABASE_URL: not a URL (INMAIL_DATABASE_PASSWORD cannot be added to it)');
    }
  }
  return out;
}

/** Builds the config from file and environment; every problem is reported at once, with where it came from. */
export function loadConfig(opts: LoadOptions): Config {
  const readFile = opts.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const fileExists = opts.fileExists ?? existsSync;
  const cwd = opts.cwd ?? process.cwd();
  const problems: string[] = [];
  opts = { ...opts, env: withSecretFiles(opts.env, readFile, problems) };

  let tree: Tree = {};
  let file: string | null = null;
  // An empty INMAIL_CONFIG (compose's `${INMAIL_CONFIG:-}`) means none given.
  const explicit = opts.env.INMAIL_CONFIG || undefined;
  const path = resolve(cwd, explicit ?? 'config/inmail.yaml');
  if (explicit !== undefined || fileExists(path)) {
    file = path;
    try {
      const parsed: unknown = parseYaml(readFile(path));
      if (parsed === null || parsed === undefined) tree = {};
      else if (typeof parsed === 'object' && !Array.isArray(parsed)) tree = parsed as Tree;
      else problems.push(`${path}: the top level must be a mapping`);
    } catch (err) {
      problems.push(`INMAIL_CONFIG ${path}: ${(err as Error).message.split('\n')[0]}`);
    }
  }

  // The file alone first: a bad value there is reported as the file's, even when a
  // variable overrides it (it would come back the day the variable goes).
  const fileOnly = configSchema.safeParse(structuredClone(tree));
  const fileIssues = new Set<string>();
  if (!fileOnly.success && file) {
    for (const issue of fileOnly.error.issues) {
      const key = issue.path.map(String).join('.') || '(top level)';
      fileIssues.add(`${key}\u0000${issue.message}`);
      const variable = Object.entries(ENV_MAP).find(([n, [p]]) => p.join('.') === key && opts.env[n])?.[0];
      problems.push(`${key} (in ${file}${variable ? `, overridden by ${variable}` : ''}): ${issueMessage(issue)}`);
    }
  }

  for (const [name, [keyPath, convert]] of Object.entries(ENV_MAP)) {
    const value = opts.env[name];
    if (value !== undefined && value !== '') setPath(tree, keyPath, convert(value));
  }
  let imapIndex: number | null = null;
  const imapUrl = opts.env.INMAIL_IMAP_URL;
  if (imapUrl) {
    try {
      const imap = (tree.imap ?? {}) as Tree;
      const boxes: unknown[] = Array.isArray(imap.mailboxes) ? (imap.mailboxes as unknown[]) : [];
      setPath(tree, ['imap', 'mailboxes'], [...boxes, mailboxFromUrl(imapUrl)]);
      imapIndex = boxes.length;
    } catch (err) {
      problems.push(`INMAIL_IMAP_URL: ${(err as Error).message}`);
    }
  }

  const result = configSchema.safeParse(tree);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.map(String).join('.') || '(top level)';
      // Already said, as the file's.
      if (fileIssues.has(`${key}\u0000${issue.message}`)) continue;
      problems.push(describeIssue(issue, { file, env: opts.env, imapIndex }));
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}

/** Names reserved for examples and tests (RFC 2606, RFC 6761): mail to them never arrives. */
const PLACEHOLDER = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/i;

/** Bounce domains that are placeholders (`config check` warns; the listener would accept mail no one sends). */
export function placeholderDomains(config: Config): string[] {
  return config.smtp.bounceDomains.filter((d) => PLACEHOLDER.test(d.trim()));
}

/** Settings a role needs beyond the schema; checked when the roles start (`all` is every role). */
export function checkRole(config: Config, roles: readonly string[]): void {
  const problems: string[] = [];
  if ((roles.includes('smtp') || roles.includes('all')) && config.smtp.bounceDomains.length === 0) {
    problems.push('smtp.bounceDomains (INMAIL_BOUNCE_DOMAINS): required for the smtp role, e.g. INMAIL_BOUNCE_DOMAINS=bounces.example.com');
  }
  // Under `all` an empty mailbox list just means no IMAP intake; asked for by name, it is a mistake.
  if (roles.includes('imap') && config.imap.mailboxes.length === 0) {
    problems.push('imap.mailboxes (INMAIL_IMAP_URL): the imap role needs at least one mailbox');
  }
  if ((roles.includes('smtp') || roles.includes('all')) && !config.smtp.tls.cert !== !config.smtp.tls.key) {
    problems.push('smtp.tls: set both cert (INMAIL_SMTP_TLS_CERT) and key (INMAIL_SMTP_TLS_KEY), or neither');
  }
  if (problems.length > 0) throw new ConfigError(problems);
}
