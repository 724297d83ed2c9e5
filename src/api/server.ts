// The `api` role (docs/api.md): the HTTP API on its own port (INMAIL_API_PORT),
// bearer-token auth with scopes, problem+json errors, the OpenAPI document and
// the web console. Routes call the same operation modules as the CLI.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { ConflictError, InputError, NotFoundError, ServiceUnavailableError, UsageError, describe, isConnectionError } from '../errors.js';
import { readiness } from '../http.js';
import { metrics } from '../metrics.js';
import { grants, TokenVerifier, type TokenScope } from '../operations/tokens.js';
import { openApiDocument } from './openapi.js';
import { register, type AnyRoute, type ApiDeps, type Caller } from './route.js';

export type { ApiDeps };
import { addressRoutes } from './routes/addresses.js';
import { adminRoutes } from './routes/admin.js';
import { changeRoutes } from './routes/changes.js';
import { incidentRoutes } from './routes/incidents.js';
import { adviceRoutes } from './routes/advice.js';
import { mailRoutes } from './routes/mails.js';
import { qualificationRoutes } from './routes/qualification.js';
import { ruleRoutes } from './routes/rules.js';
import { registerConsole } from './console.js';
import { registerIntake } from './routes/intake.js';
import { webhookSources } from '../intake/http/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
  interface FastifyContextConfig {
    scope?: TokenScope;
    pattern?: string;
    /** Served without a token (health, the console's static shell). */
    open?: boolean;
  }
}

export interface ApiServer {
  app: FastifyInstance;
  port: number;
  close(): Promise<void>;
}

export function allRoutes(deps: ApiDeps): AnyRoute[] {
  return [
    ...addressRoutes(deps),
    ...changeRoutes(deps),
    ...ruleRoutes(deps),
    ...qualificationRoutes(deps),
    ...incidentRoutes(deps),
    ...adviceRoutes(deps),
    ...mailRoutes(deps),
    ...adminRoutes(deps),
  ];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An RFC 9457 problem; `field` names the JSON key (or query parameter) at fault. */
export function sendProblem(reply: FastifyReply, status: number, detail: string, field?: string): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...(field ? { field } : {}) }));
}

function problemOf(err: unknown): { status: number; detail: string; field?: string } {
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const field = issue?.path.map(String).join('.') || undefined;
    return { status: 400, detail: `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid request'}`, ...(field ? { field } : {}) };
  }
  if (err instanceof InputError) return { status: 400, detail: err.message, field: err.field };
  if (err instanceof ConflictError) return { status: 409, detail: err.message };
  if (err instanceof UsageError) return { status: 400, detail: err.message };
  if (err instanceof NotFoundError) return { status: 404, detail: err.message };
  if (err instanceof ServiceUnavailableError || isConnectionError(err)) return { status: 503, detail: describe(err) };
  const fe = err as Partial<FastifyError>;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500)
    return { status: fe.statusCode, detail: fe.message ?? 'bad request' };
  return { status: 500, detail: 'internal error (logged)' };
}

const bearer = (req: FastifyRequest): string | null => {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  return m?.[1] ?? null;
};

export async function buildApi(deps: ApiDeps): Promise<FastifyInstance> {
  // Closing drains: idle keep-alive connections are closed, requests in flight are answered
  // (a new one on a busy connection gets 503 and Connection: close) before close() resolves.
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, forceCloseConnections: 'idle', keepAliveTimeout: 5000 });
  // Verified tokens are cached while the watch on token changes is live (docs/security.md).
  const tokens = new TokenVerifier(deps.pool);
  const routes = allRoutes(deps);

  // Auth before anything is parsed: no token → 401, a token without the scope → 403.
  app.addHook('onRequest', async (req, reply) => {
    const cfg = req.routeOptions.config;
    if (cfg.open) return;
    const token = bearer(req);
    if (!token) {
      void reply.header('www-authenticate', 'Bearer realm="inmail"');
      return sendProblem(reply, 401, 'a bearer token is required: Authorization: Bearer TOKEN (inmail tokens create)');
    }
    const found = await tokens.verify(token);
    if (!found) {
      void reply.header('www-authenticate', 'Bearer realm="inmail", error="invalid_token"');
      return sendProblem(reply, 401, 'unknown or revoked token');
    }
    // Unknown paths answer 404 to any valid token rather than hinting at scopes.
    const needed = cfg.scope;
    if (needed && !grants(found.scope, needed)) {
      return sendProblem(reply, 403, `this needs a token with scope ${needed} (or one that includes it); this token has ${found.scope}`);
    }
    req.caller = { tokenId: found.id, scope: found.scope, by: `operator:token-${found.id}${found.name ? `(${found.name})` : ''}` };
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.config.pattern ?? (req.routeOptions.url ? req.routeOptions.url : 'unmatched');
    metrics.apiRequests.inc({ route, method: req.method, status: String(reply.statusCode) });
    // Fastify's own clock of the request (ms since it arrived): no per-request map of start times.
    metrics.apiDuration.observe({ route }, reply.elapsedTime / 1000);
  });

  app.setErrorHandler((err, req, reply) => {
    const p = problemOf(err);
    if (p.status >= 500) deps.logger.error({ err, url: req.url, method: req.method }, 'API request failed');
    else deps.logger.debug({ url: req.url, status: p.status, detail: p.detail }, 'API request refused');
    return sendProblem(reply, p.status, p.detail, p.field);
  });
  app.setNotFoundHandler((req, reply) => sendProblem(reply, 404, `no route ${req.method} ${req.url.split('?')[0]}`));

  app.get('/healthz', { config: { open: true } }, async (_req, reply) => reply.type('text/plain').send('ok\n'));
  app.get('/readyz', { config: { open: true } }, async (_req, reply) => {
    const r = await (deps.readiness ? deps.readiness() : readiness(deps.checks, 2000));
    // Open to anyone: the short reasons only; the details (addresses, driver messages) are for the log (docs/security.md).
    return reply
      .code(r.ready ? 200 : 503)
      .type('application/json')
      .send(JSON.stringify({ ready: r.ready, reasons: r.reasons }));
  });

  for (const r of routes) register(app, r);
  const sources = deps.intake ? webhookSources(deps.config, { pool: deps.pool }) : [];
  const doc = openApiDocument(
    routes,
    sources.map((s) => ({ path: s.path ?? s.source, ...s.doc })),
  );
  app.get('/openapi.json', { config: { scope: 'read', pattern: '/openapi.json' } }, async (_req, reply) =>
    reply.type('application/json').send(doc),
  );
  if (deps.intake) {
    const intake = deps.intake;
    await registerIntake(app, {
      intake,
      sources,
      logger: deps.logger,
      ...(deps.overloaded ? { overloaded: deps.overloaded } : {}),
      tokenScope: async (token) => (await tokens.verify(token))?.scope ?? null,
      send: sendProblem,
      bodyLimit: 10 * 1024 * 1024,
      maxBytesInFlight: 64 * 1024 * 1024,
    });
  }
  await registerConsole(app);
  tokens.watchChanges(deps.config.database.url, deps.logger);
  app.addHook('onClose', () => tokens.close());
  return app;
}

export async function startApi(deps: ApiDeps & { host: string; port: number }): Promise<ApiServer> {
  const app = await buildApi(deps);
  // A port in use: what buildApi opened (the LISTEN on token changes) is closed, so a thread can end.
  await app.listen({ host: deps.host, port: deps.port }).catch(async (err: unknown) => {
    await app.close();
    throw err;
  });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : deps.port;
  deps.logger.info({ host: deps.host, port }, 'HTTP API ready');
  return { app, port, close: () => app.close() };
}
