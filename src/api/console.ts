// The web console (docs/api.md#console), served under /ui: static files, no
// build step and no CDN. The shell holds no data; every figure comes from the
// API with the token the operator logs in with.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { REASONS } from '../domain/reasons.js';

// Works from src/api (tests) and dist/api (built): the files stay in src/api/console.
const DIR = fileURLToPath(new URL('../../src/api/console/', import.meta.url));
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

export async function registerConsole(app: FastifyInstance): Promise<void> {
  app.get('/', { config: { open: true } }, async (_req, reply) => reply.redirect('/ui/'));
  app.get('/ui', { config: { open: true } }, async (_req, reply) => reply.redirect('/ui/'));
  // The browsable API reference is a page of the console (it reads /openapi.json with the operator's token).
  app.get('/docs', { config: { open: true } }, async (_req, reply) => reply.redirect('/ui/#/reference'));
  // The reason list comes from the vocabulary itself, so the console never carries a copy that can drift.
  const vocabulary = `export const REASONS = ${JSON.stringify(REASONS)};\n`;
  app.get('/ui/vocabulary.js', { config: { open: true } }, async (_req, reply) =>
    reply
      .type(TYPES.js ?? 'text/javascript')
      .header('cache-control', 'no-cache')
      .send(vocabulary),
  );
  app.get<{ Params: { '*': string } }>('/ui/*', { config: { open: true, pattern: '/ui/*' } }, async (req, reply) => {
    const name = req.params['*'] || 'index.html';
    // Only flat file names of the console folder; anything else is the app shell (client-side pages).
    const file = /^[a-z0-9-]+\.(html|js|css)$/.test(name) ? name : 'index.html';
    const ext = file.split('.').pop() ?? 'html';
    const body = await readFile(`${DIR}${file}`).catch(() => null);
    if (!body) return reply.code(404).type('text/plain').send('not found\n');
    return reply
      .type(TYPES[ext] ?? 'application/octet-stream')
      .header('cache-control', 'no-cache')
      .send(body);
  });
}
