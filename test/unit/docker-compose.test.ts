// Docker cannot run here, so the compose file is checked as data (and by
// docker-compose itself where Debian's package is installed, as in CI).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  entrypoint?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  secrets?: string[];
  volumes?: string[];
}
const compose = parse(readFileSync(`${root}docker-compose.yml`, 'utf8')) as {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
};
const dockerfile = readFileSync(`${root}Dockerfile`, 'utf8');
const bin = ['/usr/bin/docker-compose', '/usr/local/bin/docker-compose'].find((p) => existsSync(p));

/** A secrets folder as an operator makes it (docs/operations.md). */
function secretsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inmail-secrets-'));
  for (const name of ['postgres_password', 'verp_secret', 'imap_url'])
    writeFileSync(join(dir, name), name === 'imap_url' ? '' : 'x'.repeat(32));
  return dir;
}
const composeConfig = (env: Record<string, string>) =>
  spawnSync(bin as string, ['-f', `${root}docker-compose.yml`, '--project-directory', root, 'config', '-q'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });

describe('docker-compose.yml', () => {
  it('has Postgres, Redis and the daemon, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['inmail', 'postgres', 'redis']);
    for (const s of Object.values(compose.services)) expect(s.healthcheck?.test.length).toBeGreaterThan(0);
  });

  it('runs Redis with an append-only file and no eviction, as BullMQ requires', () => {
    const cmd = compose.services.redis?.command?.join(' ') ?? '';
    expect(cmd).toMatch(/--appendonly yes/);
    expect(cmd).toMatch(/--maxmemory-policy noeviction/);
  });

  it('migrates then starts the daemon, with port 25 mapped to the listener', () => {
    const d = compose.services.inmail;
    expect(d?.build).toBe('.');
    expect(d?.entrypoint?.join(' ')).toMatch(/migrate && exec .* start/);
    expect(d?.ports).toContain(`25:${d?.environment?.INMAIL_SMTP_PORT}`);
    expect(d?.environment?.INMAIL_DATABASE_URL).toMatch(/^postgres:\/\/postgres@postgres:5432\//);
    expect(d?.environment?.INMAIL_REDIS_URL).toBe('redis://redis:6379');
    expect(d?.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
  });

  it('gives Postgres its password from a secret file, not trust, and the daemon reads the same secret', () => {
    const pg = compose.services.postgres;
    expect(pg?.environment?.POSTGRES_HOST_AUTH_METHOD).toBeUndefined();
    expect(pg?.environment?.POSTGRES_PASSWORD).toBeUndefined();
    expect(pg?.environment?.POSTGRES_PASSWORD_FILE).toBe('/run/secrets/postgres_password');
    expect(pg?.secrets).toContain('postgres_password');
    const d = compose.services.inmail;
    expect(d?.environment?.INMAIL_DATABASE_PASSWORD_FILE).toBe('/run/secrets/postgres_password');
    expect(d?.secrets).toEqual(expect.arrayContaining(['postgres_password', 'verp_secret', 'imap_url']));
    expect(d?.environment?.INMAIL_VERP_SECRET_FILE).toBe('/run/secrets/verp_secret');
    expect(d?.environment?.INMAIL_IMAP_URL_FILE).toBe('/run/secrets/imap_url');
    for (const s of Object.values(compose.secrets)) expect(s.file).toMatch(/secrets}?\/\w+$/);
  });

  it('mounts the config file read-only, and requires the bounce domain (no placeholder default)', () => {
    const d = compose.services.inmail;
    expect(d?.volumes).toContain('./deploy/inmail.yaml:/etc/inmail/inmail.yaml:ro');
    expect(d?.environment?.INMAIL_CONFIG).toBe('/etc/inmail/inmail.yaml');
    expect(existsSync(`${root}deploy/inmail.yaml`)).toBe(true);
    expect(d?.environment?.INMAIL_BOUNCE_DOMAINS).toMatch(/^\$\{INMAIL_BOUNCE_DOMAINS:\?/);
    expect(JSON.stringify(compose)).not.toContain('example.com');
  });

  it('checks readiness (/readyz), in compose and in the image, and publishes metrics on loopback only', () => {
    expect(compose.services.inmail?.healthcheck?.test.join(' ')).toContain('/readyz');
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/readyz/m);
    const metrics = compose.services.inmail?.ports?.find((p) => p.endsWith(':9187'));
    expect(metrics).toBe('127.0.0.1:9187:9187');
  });

  it('is valid for docker-compose itself, and refuses to start without a bounce domain', () => {
    if (!bin) {
      // The Debian package is installed by .ci/run; without it only the checks above apply.
      console.warn('docker-compose not installed: schema validation skipped');
      return;
    }
    const dir = secretsDir();
    const ok = composeConfig({ INMAIL_BOUNCE_DOMAINS: 'bounces.acme.test', INMAIL_SECRETS_DIR: dir });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const missing = composeConfig({ INMAIL_SECRETS_DIR: dir });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('INMAIL_BOUNCE_DOMAINS');
  });
});
