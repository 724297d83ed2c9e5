// Docker cannot run here, so the compose file is checked as data (and by
// docker-compose itself where Debian's package is installed, as in CI).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
}
const compose = parse(readFileSync(`${root}docker-compose.yml`, 'utf8')) as { services: Record<string, Service> };

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
    expect(d?.environment?.INMAIL_DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(d?.environment?.INMAIL_REDIS_URL).toBe('redis://redis:6379');
    expect(d?.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
  });

  it('is valid for docker-compose itself', () => {
    const bin = ['/usr/bin/docker-compose', '/usr/local/bin/docker-compose'].find((p) => existsSync(p));
    if (!bin) {
      // The Debian package is installed by .ci/run; without it only the checks above apply.
      console.warn('docker-compose not installed: schema validation skipped');
      return;
    }
    expect(() => execFileSync(bin, ['-f', `${root}docker-compose.yml`, 'config', '-q'], { stdio: 'pipe' })).not.toThrow();
  });
});
