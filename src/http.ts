// The HTTP port of every role: /metrics (Prometheus text), /healthz (the
// process is alive) and /readyz (every dependency answers: 503 with the reasons
// when one does not). Later the API lives here too.
import http from 'node:http';
import type { Logger } from './logger.js';
import { metrics, metricsText } from './metrics.js';

export interface ReadinessCheck {
  name: string;
  /** Resolves to null when ready, else to the reason; a throw counts as not ready. */
  check: () => Promise<string | null>;
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

/** Runs every check in parallel; each is cut at `timeoutMs`. */
export async function readiness(
  checks: readonly ReadinessCheck[],
  timeoutMs: number,
): Promise<{ ready: boolean; reasons: Record<string, string> }> {
  const results = await Promise.all(
    checks.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
      });
      try {
        return [c.name, await Promise.race([c.check(), timeout])] as const;
      } catch (err) {
        return [c.name, err instanceof Error ? err.message || err.name : String(err)] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const reasons: Record<string, string> = {};
  for (const [name, reason] of results) if (reason !== null) reasons[name] = reason;
  return { ready: Object.keys(reasons).length === 0, reasons };
}

export async function startHttp(opts: HttpOptions): Promise<HttpServer> {
  const timeoutMs = opts.checkTimeoutMs ?? 2000;
  const send = (res: http.ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed\n');
    if (path === '/healthz') return send(res, 200, 'text/plain', 'ok\n');
    if (path === '/readyz') {
      void readiness(opts.checks, timeoutMs).then(({ ready, reasons }) =>
        send(res, ready ? 200 : 503, 'application/json', `${JSON.stringify({ ready, reasons })}\n`),
      );
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
          send(res, 503, 'application/json', `${JSON.stringify({ error: err instanceof Error ? err.message : String(err) })}\n`);
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
