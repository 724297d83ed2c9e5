// One API route: its zod schemas (the ones the CLI checks its flags with),
// the token scope it needs, and its handler. Requests are checked with zod
// before the handler runs; the same schemas make the OpenAPI document
// (openapi.ts), so the document cannot drift from what is enforced.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Pool } from '../db/pool.js';
import type { Readiness, ReadinessCheck } from '../http.js';
import type { Intake } from '../intake/accept.js';
import type { Logger } from '../logger.js';
import type { TokenScope } from '../operations/tokens.js';

export interface ApiDeps {
  config: Config;
  pool: Pool;
  /** Reads (lists, show, check) go here when a replica is configured. */
  readPool?: Pool;
  logger: Logger;
  checks: readonly ReadinessCheck[];
  /** The daemon's readiness, when it is not `checks` run here (the API thread asks the main thread). */
  readiness?: () => Promise<Readiness>;
  /** The intake contract, when this process serves /v1/intake/* (docs/intake.md). */
  intake?: Intake;
  /** The backlog is above its bound: the HTTP intakes answer 503. */
  overloaded?: () => boolean;
}

export interface Caller {
  tokenId: number;
  scope: TokenScope;
  /** Who changes are recorded as in the address history. */
  by: string;
}

export interface Ctx<Q, P, B> {
  query: Q;
  params: P;
  body: B;
  caller: Caller;
  req: FastifyRequest;
  reply: FastifyReply;
}

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteDef<Q extends Schema | undefined, P extends Schema | undefined, B extends Schema | undefined> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  scope: TokenScope;
  summary: string;
  tag: string;
  description?: string;
  query?: Q;
  params?: P;
  body?: B;
  /** The 2xx answer; `raw` for non-JSON bodies (described by its content type). */
  response: Schema | { raw: string };
  status?: number;
  bodyLimit?: number;
  handler: (ctx: Ctx<Out<Q>, Out<P>, Out<B>>) => Promise<unknown>;
}

// Every route, in registration order, for the OpenAPI document.
export type AnyRoute = RouteDef<Schema | undefined, Schema | undefined, Schema | undefined>;

export function defineRoute<
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(def: RouteDef<Q, P, B>): AnyRoute {
  return def;
}

/** Fastify path syntax from the OpenAPI one: /v1/x/{id} → /v1/x/:id. */
export const fastifyPath = (url: string): string => url.replace(/\{(\w+)\}/g, ':$1');

/** Query strings come as strings, repeated keys as arrays; a key given once stays a string. */
export function register(app: FastifyInstance, route: AnyRoute): void {
  app.route({
    method: route.method,
    url: fastifyPath(route.url),
    ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
    config: { scope: route.scope, pattern: route.url },
    handler: async (req, reply) => {
      const caller = req.caller;
      if (!caller) throw new Error('route reached without a caller (auth hook missing)');
      const query = route.query ? route.query.parse(req.query ?? {}) : undefined;
      const params = route.params ? route.params.parse(req.params ?? {}) : undefined;
      const body = route.body ? route.body.parse(req.body ?? {}) : undefined;
      const result = await route.handler({ query, params, body, caller, req, reply });
      if (reply.sent) return reply;
      reply.code(route.status ?? 200);
      if ('raw' in route.response) return reply.type(route.response.raw).send(result);
      return reply.type('application/json').send(JSON.stringify(result));
    },
  });
}
