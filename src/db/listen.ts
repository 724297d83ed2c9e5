// One Postgres connection that LISTENs on a channel, for caches that must forget
// at once what another process changed. `live` is true only while the LISTEN is
// in place: a cache trusts its entries only then. The connection is watched (a
// query every heartbeatMs must answer within timeoutMs, TCP keepalive below it)
// and opened again after a backoff when it fails; every change of `live` is
// reported, so that the notifications missed in between are never relied on.
import pg from 'pg';
import { describe } from '../errors.js';
import type { Logger } from '../logger.js';

export interface ListenOptions {
  url: string;
  channel: string;
  logger: Logger;
  /** A notification arrived (its payload is not needed: the caches forget everything). */
  onNotify(): void;
  /**
   * Once onNotify has returned, a notification with a payload is answered on this
   * channel with the same payload, from this connection: a writer waiting for it
   * knows that this process has forgotten (see store/api-tokens.ts revokeTokenRow).
   */
  ack?: string;
  /** The LISTEN is in place (true) or may have missed notifications (false). */
  onLive(live: boolean): void;
  heartbeatMs?: number;
  timeoutMs?: number;
  retryMs?: { first: number; max: number };
}

export interface Listening {
  readonly live: boolean;
  /** Resolves when the LISTEN is in place, or when closed. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The application_name of a channel's listening connections (pg_stat_activity). */
export const listenerName = (channel: string): string => `inmail listen ${channel}`;

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function listen(opts: ListenOptions): Listening {
  const heartbeatMs = opts.heartbeatMs ?? 10_000;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const retry = opts.retryMs ?? { first: 500, max: 30_000 };
  let client: pg.Client | null = null;
  let live = false;
  let stopped = false;
  let backoff = retry.first;
  let retryTimer: NodeJS.Timeout | null = null;
  let waiters: (() => void)[] = [];

  const setLive = (v: boolean) => {
    if (live === v) return;
    live = v;
    opts.onLive(v);
    if (v) {
      for (const w of waiters) w();
      waiters = [];
    }
  };

  /** The connection failed or was lost: not live any more; a new one after the backoff. */
  const drop = (c: pg.Client, err: unknown) => {
    if (client !== c) return;
    client = null;
    setLive(false);
    c.end().catch(() => undefined);
    if (stopped) return;
    opts.logger.warn(
      { channel: opts.channel, err: describe(err), retryInMs: backoff },
      'Postgres LISTEN connection lost; caches off until it is back',
    );
    retryTimer = setTimeout(open, backoff);
    retryTimer.unref();
    backoff = Math.min(backoff * 2, retry.max);
  };

  const open = () => {
    retryTimer = null;
    if (stopped) return;
    const c = new pg.Client({
      connectionString: opts.url,
      application_name: listenerName(opts.channel),
      connectionTimeoutMillis: timeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: heartbeatMs,
    });
    client = c;
    c.on('notification', (n) => {
      if (client !== c || n.channel !== opts.channel) return;
      opts.onNotify();
      if (opts.ack && n.payload) c.query('SELECT pg_notify($1, $2)', [opts.ack, n.payload]).catch((err: unknown) => drop(c, err));
    });
    c.on('error', (err) => drop(c, err));
    c.on('end', () => drop(c, new Error('connection ended')));
    c.connect()
      .then(() => c.query(`LISTEN ${quoteIdent(opts.channel)}`))
      .then(() => {
        if (client !== c) return;
        backoff = retry.first;
        setLive(true);
      })
      .catch((err: unknown) => drop(c, err));
  };

  // A connection that went silent (no RST: a firewall, a frozen server) sends no
  // 'error': a query that does not answer in time counts as a lost connection.
  const heartbeat = setInterval(() => {
    const c = client;
    if (!c || !live) return;
    const timer = setTimeout(() => drop(c, new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
    c.query('SELECT 1').then(
      () => clearTimeout(timer),
      (err: unknown) => {
        clearTimeout(timer);
        drop(c, err);
      },
    );
  }, heartbeatMs);
  heartbeat.unref();

  open();
  return {
    get live() {
      return live;
    },
    ready: () => (live ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    async close() {
      stopped = true;
      clearInterval(heartbeat);
      if (retryTimer) clearTimeout(retryTimer);
      const c = client;
      client = null;
      setLive(false);
      for (const w of waiters) w();
      waiters = [];
      await c?.end().catch(() => undefined);
    },
  };
}
