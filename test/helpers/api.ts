// The api role in the test process, on a real port, over a test database: what
// the API tests talk to with fetch, as a sending platform would.
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config.js';
import { startApi, type ApiServer } from '../../src/api/server.js';
import { createToken, type TokenScope } from '../../src/operations/tokens.js';
import type { TestDb } from './test-db.js';

export interface TestApi {
  server: ApiServer;
  base: string;
  config: Config;
  tokens: Record<TokenScope, string>;
  /** fetch with a bearer token (default: the admin token) and JSON in and out. */
  call(
    method: string,
    path: string,
    opts?: { token?: string | null; body?: unknown },
  ): Promise<{ status: number; type: string; body: any }>;
  close(): Promise<void>;
}

export async function startTestApi(db: TestDb, env: Record<string, string> = {}): Promise<TestApi> {
  const config = loadConfig({ env: { INMAIL_DATABASE_URL: db.url, ...env }, fileExists: () => false });
  const server = await startApi({ config, pool: db.pool, logger: pino({ level: 'silent' }), checks: [], host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${server.port}`;
  const tokens = {} as Record<TokenScope, string>;
  for (const scope of ['read', 'write', 'admin', 'intake'] as const)
    tokens[scope] = (await createToken(db.pool, scope, `test-${scope}`)).token;
  return {
    server,
    base,
    config,
    tokens,
    async call(method, path, opts = {}) {
      const token = opts.token === undefined ? tokens.admin : opts.token;
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      });
      const type = res.headers.get('content-type') ?? '';
      const text = await res.text();
      return { status: res.status, type, body: /json/.test(type) && text ? JSON.parse(text) : text };
    },
    close: () => server.close(),
  };
}
