// POST /v1/intake/{source}: the HTTP intakes (docs/intake.md). Each source
// verifies its request as its provider signs it; what it yields goes through
// the intake contract, and the 2xx is sent only after the commit, so a provider
// that gets no 2xx (Postgres down: 503) sends again and nothing is lost. The
// body is kept as bytes: signatures cover the bytes, not a re-serialised JSON.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Intake } from '../../intake/accept.js';
import { countReceived } from '../../intake/accept.js';
import { BytesInFlight } from '../../intake/bytes-in-flight.js';
import type { WebhookSource } from '../../intake/http/index.js';
import type { Logger } from '../../logger.js';
import type { TokenScope } from '../../operations/tokens.js';
import { grants } from '../../operations/tokens.js';

export interface IntakeRouteDeps {
  intake: Intake;
  sources: readonly WebhookSource[];
  logger: Logger;
  /** True while the backlog is above its bound: answered 503 with Retry-After, as SMTP answers 451. */
  overloaded?: () => boolean;
  /** The scope of a bearer token, or null when unknown or revoked. */
  tokenScope(token: string): Promise<TokenScope | null>;
  send(reply: FastifyReply, status: number, detail: string): FastifyReply;
  /** Largest request accepted (SendGrid and SES batch up to a few MB). */
  bodyLimit: number;
  /**
   * Bytes of request bodies held at once, all intakes together (each request counts its
   * Content-Length, or bodyLimit when it names none, from its arrival to its answer): past
   * it a request is answered 503 with Retry-After before its body is read, and the provider
   * sends it again. One request is always let in, whatever its size.
   */
  maxBytesInFlight: number;
}

export const intakePath = (source: string): string => `/v1/intake/${source}`;

export async function registerIntake(app: FastifyInstance, deps: IntakeRouteDeps): Promise<void> {
  const held = new BytesInFlight(deps.maxBytesInFlight);
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.bodyLimit }, (_req, body, done) => done(null, body));
    for (const source of deps.sources) {
      const url = intakePath(source.path ?? source.source);
      const name = source.source;
      scope.post(
        url,
        {
          config: { open: true, pattern: url },
          // Before the body is read: a request that would take the intakes past their bytes is not read at all.
          onRequest: async (req, reply) => {
            const declared = Number(req.headers['content-length']);
            const bytes = Number.isFinite(declared) && declared >= 0 ? Math.min(declared, deps.bodyLimit) : deps.bodyLimit;
            if (!held.take(bytes)) {
              countReceived(name, 'deferred', 'memory');
              void reply.header('retry-after', '5');
              return deps.send(reply, 503, 'the intakes hold as many bytes as they may: try again later');
            }
            let released = false;
            // Let go once the answer is out, or the client went away.
            reply.raw.once('close', () => {
              if (released) return;
              released = true;
              held.give(bytes);
            });
            return undefined;
          },
        },
        (req, reply) => receive(deps, source, req, reply),
      );
    }
  });
}

async function receive(deps: IntakeRouteDeps, source: WebhookSource, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const name = source.source;
  const log = deps.logger.child({ intake: name, remote: req.ip });
  if (!source.configured) return deps.send(reply, 404, `the ${name} intake is not configured: set ${source.setting}`);
  let tokenScoped = false;
  const auth = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (auth?.[1]) {
    const scope = await deps.tokenScope(auth[1]);
    if (!scope || !grants(scope, 'intake')) {
      countReceived(name, 'refused', 'token');
      log.warn('refused: bearer token unknown, revoked or without scope intake');
      return deps.send(reply, scope ? 403 : 401, scope ? 'this needs a token with scope intake' : 'unknown or revoked token');
    }
    tokenScoped = true;
  }
  if (deps.overloaded?.()) {
    countReceived(name, 'deferred', 'backlog');
    void reply.header('retry-after', '30');
    return deps.send(reply, 503, 'backlog above its bound: try again later');
  }
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const outcome = await source.receive({
    url: `${req.protocol}://${req.headers.host ?? 'localhost'}${req.url}`,
    headers: req.headers,
    body,
    remoteAddr: req.ip,
    tokenScoped,
  });
  if (outcome.kind === 'refused') {
    countReceived(name, 'refused', outcome.reason);
    log.warn({ reason: outcome.reason, why: outcome.why }, `refused: ${outcome.why}`);
    return deps.send(reply, outcome.status, outcome.why);
  }
  if (outcome.kind === 'answered') {
    // A verified message answered with a failure (SNS's certificate or SubscribeURL out of reach) is the operator's to see.
    if (outcome.status >= 400) log.warn({ status: outcome.status }, outcome.message);
    else log.info({ status: outcome.status }, outcome.message);
    return reply
      .code(outcome.status)
      .type('application/json')
      .send(JSON.stringify({ message: outcome.message }));
  }
  // A Postgres failure throws to the API's error handler: 503, and the provider retries.
  const results = await deps.intake.acceptMany(outcome.items);
  await outcome.committed?.();
  const stored = results.filter((r) => r.kind === 'stored').length;
  const ignored = outcome.ignored ?? 0;
  if (ignored > 0) countReceived(name, 'ignored', '', ignored);
  if (log.isLevelEnabled('debug')) log.debug({ events: results.length, stored, ignored }, 'events stored');
  return reply
    .code(200)
    .type('application/json')
    .send(
      JSON.stringify({
        received: results.length + ignored,
        stored,
        duplicates: results.length - stored,
        // Only from sources that leave events aside (docs/intake.md).
        ...(outcome.ignored === undefined ? {} : { ignored }),
      }),
    );
}
