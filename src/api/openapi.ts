// The OpenAPI 3.1 document, built from the routes' zod schemas (JSON Schema
// 2020-12 is OpenAPI 3.1's own dialect, so zod's output goes in as it is).
import { z } from 'zod';
import { problemSchema } from '../operations/schemas.js';
import type { AnyRoute } from './route.js';

type Json = Record<string, unknown>;

const jsonSchema = (s: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  return rest;
};

/** Query or path parameters from an object schema, one per key. */
function parameters(s: z.ZodType | undefined, where: 'query' | 'path'): Json[] {
  if (!s) return [];
  const js = jsonSchema(s, 'input');
  const props = (js.properties ?? {}) as Record<string, Json>;
  const required = new Set((js.required ?? []) as string[]);
  return Object.entries(props).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    schema,
    ...(where === 'query' && (schema.anyOf || schema.type === 'array') ? { style: 'form', explode: true } : {}),
  }));
}

const problem = (description: string): Json => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** An HTTP intake as the document shows it (docs/intake.md): verified as its provider signs it, not by a route's schemas. */
export interface IntakeDoc {
  path: string;
  summary: string;
  verifiedBy: string;
  mediaTypes: readonly string[];
}

function intakePaths(intakes: readonly IntakeDoc[]): Record<string, Record<string, Json>> {
  const paths: Record<string, Record<string, Json>> = {};
  for (const d of intakes) {
    paths[`/v1/intake/${d.path}`] = {
      post: {
        summary: d.summary,
        description: `Verified by: ${d.verifiedBy}. Answered 200 only after the events are committed; a provider that gets anything else sends again.`,
        tags: ['intake'],
        operationId: `postIntake${d.path[0]?.toUpperCase() ?? ''}${d.path.slice(1)}`,
        security: [],
        requestBody: { required: true, content: Object.fromEntries(d.mediaTypes.map((t) => [t, { schema: {} }])) },
        responses: {
          200: {
            description: 'stored',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { received: { type: 'integer' }, stored: { type: 'integer' }, duplicates: { type: 'integer' } },
                },
              },
            },
          },
          400: problem('the body is not what the provider sends'),
          401: problem('the signature, password or token does not verify; nothing was stored'),
          404: problem('this intake is not configured; the detail names the setting'),
          503: problem('Postgres cannot commit, or the backlog is above its bound: send again later'),
        },
      },
    };
  }
  return paths;
}

export function openApiDocument(routes: readonly AnyRoute[], intakes: readonly IntakeDoc[] = []): string {
  const paths: Record<string, Record<string, Json>> = intakePaths(intakes);
  for (const r of routes) {
    const ok: Json =
      'raw' in r.response
        ? { description: 'OK', content: { [r.response.raw]: { schema: { type: 'string' } } } }
        : { description: 'OK', content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } };
    const op: Json = {
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      operationId: `${r.method.toLowerCase()}${r.url.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      'x-scope': r.scope,
      security: [{ bearer: [r.scope] }],
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {}),
      responses: {
        [String(r.status ?? 200)]: ok,
        400: problem('invalid request; `field` names the key at fault'),
        401: problem('no token, or an unknown or revoked one'),
        403: problem(`the token's scope does not include ${r.scope}`),
        ...(r.url.includes('{') ? { 404: problem('not found') } : {}),
      },
    };
    (paths[r.url] ??= {})[r.method.toLowerCase()] = op;
  }
  return JSON.stringify({
    openapi: '3.1.0',
    info: {
      title: 'inmail API',
      version: '1',
      description:
        'The decisions of the inbound bounce processor: address states, rules, the qualification log, incidents, mails. ' +
        'Every request but /healthz and /readyz needs `Authorization: Bearer TOKEN` (`inmail tokens create --scope read|write|admin`). ' +
        'Errors are application/problem+json naming the field at fault.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: [...new Set([...routes.map((r) => r.tag), ...(intakes.length > 0 ? ['intake'] : [])])].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'a token of `inmail tokens create`; scopes: read ⊂ write ⊂ admin; intake apart',
        },
      },
      schemas: { Problem: jsonSchema(problemSchema, 'output') },
    },
  });
}
