// Every Prometheus metric of inmail, defined in one place with its help text.
// One registry per process: modules import `metrics` and count; the HTTP
// server (http.ts) refreshes the scrape-time gauges and renders the text.
//
// Terminology:
//   intake    where a mail came in: smtp, imap (later http)
//   result    accepted | duplicate | refused (5xx) | deferred (4xx)
//   backlog   raw mails stored but not yet processed (state pending)
import { readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import {
  AggregatorRegistry,
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type MetricObjectWithValues,
  type MetricValue,
} from 'prom-client';

export type IntakeResult = 'accepted' | 'duplicate' | 'refused' | 'deferred';
export type ServiceName = 'postgres' | 'redis';

/** Which thread this is, for inmail_memory_bytes: the main one, a worker thread, or the API's (api/api-thread.ts). */
let threadKind: 'main' | 'worker' | 'api' = isMainThread ? 'main' : 'worker';

/** Set by a thread that is not a worker thread, before any scrape. */
export function setThreadKind(kind: 'api'): void {
  threadKind = kind;
}

function createMetrics() {
  const registry = new Registry();
  // process_resident_memory_bytes, nodejs_eventloop_lag_seconds, GC: the figures operators
  // size the daemon by, under their standard names so that stock Node.js dashboards find them.
  // Once per process: a worker thread's figures would count the process twice.
  if (isMainThread) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  if (isMainThread) {
    new Gauge({
      name: 'inmail_build_info',
      help: 'Always 1; the labels say which inmail and which Node.js this process runs',
      labelNames: ['version', 'nodejs'] as const,
      registers,
    }).set({ version: packageVersion(), nodejs: process.version }, 1);
  }
  // Where the memory is, per thread (in a worker or the API thread process.memoryUsage() is that
  // thread's isolate, rss aside): heap growth is a leak, external / array buffers are
  // Buffers (mail bodies), a flat sum under a growing RSS is the allocator. Summed over
  // the worker threads at scrape time (docs/operations.md).
  new Gauge({
    name: 'inmail_memory_bytes',
    help: 'Memory of this thread kind (main, api, or the worker threads summed) by area: heap_used, heap_total, external, array_buffers (process.memoryUsage); read at scrape time',
    labelNames: ['thread', 'area'] as const,
    registers,
    collect() {
      const m = process.memoryUsage();
      const thread = threadKind;
      this.set({ thread, area: 'heap_used' }, m.heapUsed);
      this.set({ thread, area: 'heap_total' }, m.heapTotal);
      this.set({ thread, area: 'external' }, m.external);
      this.set({ thread, area: 'array_buffers' }, m.arrayBuffers);
    },
  });

  return {
    registry,
    mailsReceived: new Counter({
      name: 'inmail_mails_received_total',
      help: 'Mails offered to an intake, by intake and result; reason names the limit or failure of a refused or deferred mail',
      labelNames: ['intake', 'result', 'reason'] as const,
      registers,
    }),
    backpressureDeferrals: new Counter({
      name: 'inmail_backpressure_deferrals_total',
      help: 'SMTP transactions answered 451 4.3.2 because the backlog was above queue.maxBacklog',
      registers,
    }),
    mailsProcessed: new Counter({
      name: 'inmail_mails_processed_total',
      help: 'Raw mails the worker finished, by mail kind (bounce, complaint, auto-reply, unknown) and outcome (processed, skipped, failed)',
      labelNames: ['kind', 'outcome'] as const,
      registers,
    }),
    events: new Counter({
      name: 'inmail_events_total',
      help: 'Recipient events committed, by mail kind, reason (Sisimai taxonomy), type (hard, soft, ignored) and outcome on the address',
      labelNames: ['kind', 'reason', 'type', 'outcome'] as const,
      registers,
    }),
    parseErrors: new Counter({
      name: 'inmail_parse_errors_total',
      help: 'Mails the parser could not read (kept as failed, listed, replayable)',
      registers,
    }),
    parseProblems: new Counter({
      name: 'inmail_parse_problems_total',
      help: 'Mails read with a MIME problem worked around (no boundary, no parts, tree cut, only the first 4 MiB read); the problem is kept with the raw mail',
      registers,
    }),
    addressTransitions: new Counter({
      name: 'inmail_address_transitions_total',
      help: 'Address state changes committed, by previous and new status',
      labelNames: ['from', 'to'] as const,
      registers,
    }),
    ruleHits: new Counter({
      name: 'inmail_rule_hits_total',
      help: 'Recipients qualified by an inbound email rule, by rule id',
      labelNames: ['rule'] as const,
      registers,
    }),
    serviceErrors: new Counter({
      name: 'inmail_service_errors_total',
      help: 'Failed calls to Postgres or Redis, by service and operation',
      labelNames: ['service', 'op'] as const,
      registers,
    }),
    processingLatency: new Histogram({
      name: 'inmail_processing_latency_seconds',
      help: 'Time from receipt of a raw mail (stored) to the commit of its address states',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
      registers,
    }),
    workerBatchMails: new Histogram({
      name: 'inmail_worker_batch_mails',
      help: 'Mails committed together in one worker transaction (larger batches: fewer statements per mail)',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers,
    }),
    queueJobs: new Gauge({
      name: 'inmail_queue_jobs',
      help: 'Jobs of the mail queue in Redis, by state (waiting, active, delayed, failed); a job carries the mails of one intake batch (inmail_backlog_mails counts mails); read at scrape time',
      labelNames: ['state'] as const,
      registers,
    }),
    backlog: new Gauge({
      name: 'inmail_backlog_mails',
      help: 'Raw mails stored and not yet processed (counted up to queue.maxBacklog + 1); read at scrape time',
      registers,
    }),
    schedulersRecreated: new Counter({
      name: 'inmail_schedulers_recreated_total',
      help: 'Maintenance schedulers found missing from Redis (it came back empty) and re-created by a scheduler process',
      registers,
    }),
    workerThreadRestarts: new Counter({
      name: 'inmail_worker_thread_restarts_total',
      help: 'Worker threads that died and were restarted (their jobs return to the queue when their locks expire)',
      registers,
    }),
    apiThreadRestarts: new Counter({
      name: 'inmail_api_thread_restarts_total',
      help: 'API threads that died and were restarted (api.thread; the API port is refused until the new one listens)',
      registers,
    }),
    deliveryAttempts: new Counter({
      name: 'inmail_delivery_attempts_total',
      help: "Attempts of the sending MTA's delivery reports, by outcome (sent, failed_hard, failed_soft, deferred, sender_side)",
      labelNames: ['outcome'],
      registers,
    }),
    deliveryAttemptsDuplicate: new Counter({
      name: 'inmail_delivery_attempts_duplicate_total',
      help: 'Delivery-report attempts dropped by the worker because the same attempt (same key) was already applied',
      registers,
    }),
    mxAdviceChanges: new Counter({
      name: 'inmail_mx_advice_changes_total',
      help: 'Changes of MX advice (docs/mx-advice.md), by scope and the advice now in force (block, throttle, none)',
      labelNames: ['scope', 'action'],
      registers,
    }),
    incidentsOpened: new Counter({
      name: 'inmail_incidents_opened_total',
      help: 'Incidents the guard opened: a (recipient domain, text) pair above the hard-failure threshold (alert on any increase)',
      registers,
    }),
    incidentHeld: new Counter({
      name: 'inmail_incident_held_events_total',
      help: 'Hard failures held by an open incident instead of quarantining',
      registers,
    }),
    incidentsOpen: new Gauge({
      name: 'inmail_incidents_open',
      help: 'Incidents waiting for an operator (inmail incidents confirm|dismiss); read at scrape time',
      registers,
    }),
    smtpSessionsCut: new Counter({
      name: 'inmail_smtp_sessions_cut_total',
      help: 'SMTP sessions the listener ended itself, by reason: idle (no command within smtp.socketTimeoutSeconds), session-length (smtp.maxSessionSeconds), data-rate (DATA slower than smtp.minDataBytesPerSecond or longer than smtp.maxDataSeconds)',
      labelNames: ['reason'] as const,
      registers,
    }),
    smtpTls: new Counter({
      name: 'inmail_smtp_tls_sessions_total',
      help: 'SMTP sessions upgraded with STARTTLS, by protocol (TLSv1.2, TLSv1.3)',
      labelNames: ['protocol'] as const,
      registers,
    }),
    messageIdReuses: new Counter({
      name: 'inmail_message_id_reuses_total',
      help: 'Mails stored (and processed) although another mail of the same intake had the same Message-ID: the content differed, so it is not a duplicate',
      registers,
    }),
    invalidAddresses: new Counter({
      name: 'inmail_invalid_recipient_addresses_total',
      help: 'Mails with a DSN recipient field whose text is not one valid address: read as no address at all (never cut into another), kept as a problem of the raw mail (inmail mails list)',
      registers,
    }),
    verification: new Counter({
      name: 'inmail_verification_total',
      help: 'Bounce and complaint recipients checked against verp.secret, by mail kind and result (verp, dkim: a trusted feedback-loop signature, unverified)',
      labelNames: ['kind', 'result'] as const,
      registers,
    }),
    apiRequests: new Counter({
      name: 'inmail_api_requests_total',
      help: 'HTTP API requests answered, by route pattern, method and status code',
      labelNames: ['route', 'method', 'status'] as const,
      registers,
    }),
    apiDuration: new Histogram({
      name: 'inmail_api_request_duration_seconds',
      help: 'HTTP API time from request to response, by route pattern',
      labelNames: ['route'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'inmail_webhook_deliveries_total',
      help: 'Webhook delivery attempts, by outcome: delivered, retry (failed, will be tried again), failed (gave up)',
      labelNames: ['outcome'] as const,
      registers,
    }),
    webhookPending: new Gauge({
      name: 'inmail_webhook_deliveries_pending',
      help: 'Webhook deliveries not yet delivered nor given up; read at scrape time',
      registers,
    }),
    oldestPendingAge: new Gauge({
      name: 'inmail_oldest_pending_age_seconds',
      help: 'Age of the oldest raw mail not yet processed (0 when none); read at scrape time',
      registers,
    }),
  };
}

/** The version in package.json (src/ and dist/ are both one level below it). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export type Metrics = ReturnType<typeof createMetrics>;

export const metrics: Metrics = createMetrics();

/** Counts a failed Postgres or Redis call. */
export function countServiceError(service: ServiceName, op: string): void {
  metrics.serviceErrors.inc({ service, op });
}

/** The metrics of one registry, as they travel between threads. */
export type MetricsSnapshot = MetricObjectWithValues<MetricValue<string>>[];

/** Where else metrics live (the worker threads); rendered with this thread's, counters summed. */
const sources: (() => Promise<MetricsSnapshot[]>)[] = [];

export function addMetricsSource(source: () => Promise<MetricsSnapshot[]>): () => void {
  sources.push(source);
  return () => void sources.splice(sources.indexOf(source), 1);
}

/** The Prometheus text of this thread and of every source. */
export async function metricsText(): Promise<string> {
  const own = await metrics.registry.getMetricsAsJSON();
  const others = (await Promise.all(sources.map((s) => s()))).flat();
  if (others.length === 0) return metrics.registry.metrics();
  return AggregatorRegistry.aggregate([own, ...others] as Parameters<typeof AggregatorRegistry.aggregate>[0]).metrics();
}

/**
 * Counters kept in Postgres by changes made outside the daemon (CLI, API:
 * store/metric-counters.ts), as a metrics source: at scrape time they are added
 * to this process's counters of the same name and labels. Help texts are this
 * registry's. Unreadable counters are left out of that scrape, not an error.
 */
export function dbCounterSource(
  read: () => Promise<{ name: string; labels: Record<string, string>; value: number }[]>,
  onError: (err: unknown) => void,
) {
  return async (): Promise<MetricsSnapshot[]> => {
    let rows: { name: string; labels: Record<string, string>; value: number }[];
    try {
      rows = await read();
    } catch (err) {
      onError(err);
      return [];
    }
    const byName = new Map<string, { value: number; labels: Record<string, string> }[]>();
    for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), { value: r.value, labels: r.labels }]);
    const snapshot = [...byName].map(([name, values]) => ({
      name,
      help: (metrics.registry.getSingleMetric(name) as { help?: string } | undefined)?.help ?? name,
      type: 'counter',
      aggregator: 'sum',
      values,
    }));
    return [snapshot as unknown as MetricsSnapshot];
  };
}
