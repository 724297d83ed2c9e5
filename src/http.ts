// The HTTP port of every role: /metrics (Prometheus text), /healthz (the
// process is alive) and /readyz (every dependency answers: 503 with the reasons
// when one does not). Later the API lives here too.
import http from 'node:http';
import type { Logger } from './logger.js';
import { metrics, metricsText } from './metrics.js';

export interface ReadinessCheck {
  name: string;
  /**
   * Resolves to null when ready, else to a short reason for anyone to read (`not applied`),
   * or to that and a detail for the log only; a throw counts as `unreachable`, its error
   * going to the log only.
   */
  check: () => Promise<string | { reason: string; detail: string } | null>;
}

export interface HttpOptions {
  host: string;
  port: number;
  logger: Logger;
  checks: readonly ReadinessCheck[];
  /** Refreshes the gauges read at scrape time (queue depth); failures are logged, not fatal. */
  beforeScrape?: () => Promise<void>;
  /** Read-only JSON endpoints (GET path → body), e.g. /incidents. */
  routes?: Record<string, () => Promise<unknown>>;
  /** Longest wait for one readiness check. */
  checkTimeoutMs?: number;
}

export interface HttpServer {
  port: number;
  close(): Promise<void>;
}

export interface Readiness {
  ready: boolean;
  /** Dependency name → short reason: what /readyz shows to anyone (docs/security.md). */
  reasons: Record<string, string>;
  /** Dependency name → the error itself (addresses, driver messages): for the log only. */
  details: Record<string, string>;
}

/** Runs every check in parallel; each is cut at `timeoutMs`. */
export async function readiness(checks: readonly ReadinessCheck[], timeoutMs: number): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async (c): Promise<[string, string | null, string | null]> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      try {
        const r = await Promise.race([c.check().then((reason) => ({ reason })), timeout]);
        if (r === 'timeout') return [c.name, 'no answer', `no answer within ${timeoutMs} ms`];
        if (r.reason === null || typeof r.reason === 'string') return [c.name, r.reason, r.reason];
        return [c.name, r.reason.reason, r.reason.detail];
      } catch (err) {
        return [c.name, 'unreachable', err instanceof Error ? err.message || err.name : String(err)];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const reasons: Record<string, string> = {};
  const details: Record<string, string> = {};
  for (const [name, reason, detail] of results) {
    if (reason === null) continue;
    reasons[name] = reason;
    details[name] = detail ?? reason;
  }
  return { ready: Object.keys(reasons).length === 0, reasons, details };
}

/** Logs a dependency's readiness when it changes, not on every probe: a scraper polls /readyz every few seconds. */
function readinessLogger(logger: Logger): (r: Readiness) => void {
  const last = new Map<string, string>();
  return ({ details }) => {
    for (const [check, detail] of Object.entries(details)) {
      if (last.get(check) === detail) continue;
      last.set(check, detail);
      logger.warn({ check, detail }, `not ready: ${check}`);
    }
    for (const check of [...last.keys()]) {
      if (check in details) continue;
      last.delete(check);
      logger.info({ check }, `ready again: ${check}`);
    }
  };
}

export async function startHttp(opts: HttpOptions): Promise<HttpServer> {
  const timeoutMs = opts.checkTimeoutMs ?? 2000;
  const logReadiness = readinessLogger(opts.logger);
  const send = (res: http.ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed\n');
    if (path === '/healthz') return send(res, 200, 'text/plain', 'ok\n');
    if (path === '/readyz') {
      void readiness(opts.checks, timeoutMs).then((r) => {
        logReadiness(r);
        send(res, r.ready ? 200 : 503, 'application/json', `${JSON.stringify({ ready: r.ready, reasons: r.reasons })}\n`);
      });
      return;
    }
    if (path === '/metrics') {
      void (async () => {
        try {
          await opts.beforeScrape?.();
        } catch (err) {
          opts.logger.debug({ err }, 'scrape-time gauges not refreshed');
        }
        send(res, 200, metrics.registry.contentType, await metricsText());
      })().catch((err: unknown) => {
        opts.logger.warn({ err }, 'metrics rendering failed');
        send(res, 500, 'text/plain', 'metrics rendering failed\n');
      });
      return;
    }
    const route = path ? opts.routes?.[path] : undefined;
    if (route) {
      void route().then(
        (body) => send(res, 200, 'application/json', `${JSON.stringify(body)}\n`),
        (err: unknown) => {
          opts.logger.warn({ err, path }, 'API request failed');
          send(res, 503, 'application/json', `${JSON.stringify({ error: 'unavailable' })}\n`);
        },
      );
      return;
    }
    send(
      res,
      404,
      'text/plain',
      `not found: /metrics, /healthz, /readyz${Object.keys(opts.routes ?? {})
        .map((r) => `, ${r}`)
        .join('')}\n`,
    );
  });
  // Scrapers keep connections open; close() must not wait for them.
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  opts.logger.info({ host: opts.host, port }, 'HTTP metrics and health ready');

  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
