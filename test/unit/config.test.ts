import { describe, expect, it } from 'vitest';
import { checkRole, ConfigError, loadConfig, mailboxFromUrl, placeholderDomains } from '../../src/config.js';

const none = () => false;

describe('configuration', () => {
  it('has defaults for every key', () => {
    const c = loadConfig({ env: {}, fileExists: none });
    expect(c.database.url).toBe('postgres://postgres@127.0.0.1:5432/inmail');
    expect(c.smtp.port).toBe(2525);
    expect(c.policy.softThreshold).toBe(5);
    expect(c.queue.prefix).toBe('inmail');
  });

  it('lets environment variables win over the file', () => {
    const c = loadConfig({
      env: { INMAIL_CONFIG: 'x.yaml', INMAIL_SMTP_PORT: '2600', INMAIL_BOUNCE_DOMAINS: 'b.example.com, c.example.com' },
      readFile: () => 'smtp:\n  port: 25\n  hostname: mx.example.com\n',
    });
    expect(c.smtp).toMatchObject({ port: 2600, hostname: 'mx.example.com', bounceDomains: ['b.example.com', 'c.example.com'] });
  });

  it('reports every problem at once, naming the key and its variable', () => {
    let err: unknown;
    try {
      loadConfig({ env: { INMAIL_SMTP_PORT: 'abc', INMAIL_LOG_LEVEL: 'loud' }, fileExists: none });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toMatch(/smtp\.port \(INMAIL_SMTP_PORT=abc\)/);
    expect(problems).toMatch(/log\.level \(INMAIL_LOG_LEVEL=loud\)/);
  });

  it('refuses unknown keys in the file', () => {
    expect(() => loadConfig({ env: { INMAIL_CONFIG: 'x.yaml' }, readFile: () => 'smtp:\n  prot: 25\n' })).toThrow(/smtp/);
  });

  it('reads a mailbox from INMAIL_IMAP_URL with an encoded password', () => {
    const c = loadConfig({
      env: { INMAIL_IMAP_URL: 'imap://bounce%40ex.com:p%40ss@imap.ex.com:143/INBOX?tls=none&after=seen&kind=feedback' },
      fileExists: none,
    });
    expect(c.imap.mailboxes[0]).toMatchObject({
      host: 'imap.ex.com',
      port: 143,
      user: 'bounce@ex.com',
      password: 'p@ss',
      after: 'seen',
      kind: 'feedback',
      tls: 'none',
    });
    expect(() => mailboxFromUrl('http://x')).toThrow(/scheme/);
  });
});

describe('the shipped example config', () => {
  it('loads without a problem', () => {
    const c = loadConfig({ env: { INMAIL_CONFIG: 'config/inmail.example.yaml' } });
    expect(c.smtp.bounceDomains).toEqual(['bounces.example.com']);
  });
});

describe('role requirements', () => {
  const base = loadConfig({ env: {}, fileExists: none });
  it('needs bounce domains for the smtp role and for all roles', () => {
    expect(() => checkRole(base, ['all'])).toThrow(/INMAIL_BOUNCE_DOMAINS/);
    expect(() => checkRole(base, ['smtp'])).toThrow(/smtp\.bounceDomains/);
    expect(() => checkRole(base, ['worker', 'scheduler'])).not.toThrow();
  });

  it('needs a mailbox when the imap role is asked for by name, not under all', () => {
    expect(() => checkRole(base, ['imap'])).toThrow(/imap\.mailboxes/);
    expect(() => checkRole({ ...base, smtp: { ...base.smtp, bounceDomains: ['b.example'] } }, ['all'])).not.toThrow();
  });
});

describe('the configuration reference', () => {
  it('describes every key, and names the variable of every key that has one', async () => {
    const { configReference } = await import('../../src/config-reference.js');
    const rows = configReference();
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.filter((r) => !r.description).map((r) => r.key)).toEqual([]);
    const withEnv = rows.filter((r) => r.env).map((r) => `${r.env}=${r.key}`);
    expect(withEnv).toEqual(
      expect.arrayContaining([
        'INMAIL_DATABASE_URL=database.url',
        'INMAIL_SMTP_PORT=smtp.port',
        'INMAIL_BOUNCE_DOMAINS=smtp.bounceDomains',
      ]),
    );
  });
});

describe('configuration problems name where the value came from', () => {
  const problemsOf = (opts: Parameters<typeof loadConfig>[0]): string[] => {
    try {
      loadConfig(opts);
    } catch (e) {
      if (e instanceof ConfigError) return e.problems;
      throw e;
    }
    return [];
  };

  it('a reason under policy.perReason is checked against the reason list', () => {
    const p = problemsOf({
      env: { INMAIL_CONFIG: '/etc/inmail.yaml' },
      readFile: () => 'policy:\n  perReason:\n    mailboxfulll:\n      softThreshold: 3\n    mailboxfull:\n      softThreshold: 2\n',
    });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/policy\.perReason\.mailboxfulll.*\/etc\/inmail\.yaml.*unknown reason/);
  });

  it('a bad value in the file is blamed on the file, not on a variable that is not set', () => {
    const p = problemsOf({ env: { INMAIL_CONFIG: '/etc/inmail.yaml' }, readFile: () => 'smtp:\n  port: abc\n' });
    expect(p).toHaveLength(1);
    expect(p[0]).toContain('smtp.port');
    expect(p[0]).toContain('/etc/inmail.yaml');
    expect(p[0]).not.toContain('INMAIL_SMTP_PORT');
  });

  it('a bad value from a variable names the variable and its value', () => {
    const p = problemsOf({ env: { INMAIL_SMTP_PORT: 'abc' }, fileExists: none });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/INMAIL_SMTP_PORT=abc/);
  });

  it('a bad value in the file is not hidden by a variable that overrides it', () => {
    const p = problemsOf({ env: { INMAIL_CONFIG: '/etc/inmail.yaml', INMAIL_SMTP_PORT: '2525' }, readFile: () => 'smtp:\n  port: abc\n' });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/smtp\.port.*\/etc\/inmail\.yaml.*INMAIL_SMTP_PORT/);
  });

  it('a bad INMAIL_IMAP_URL is reported by the variable', () => {
    for (const url of [
      'imap://u:p@imap.example.net:99999/INBOX',
      'imap://u:p@imap.example.net/INBOX?tls=maybe',
      'imap://imap.example.net/INBOX',
    ]) {
      const p = problemsOf({ env: { INMAIL_IMAP_URL: url }, fileExists: none });
      expect(p.length, url).toBeGreaterThan(0);
      for (const line of p) {
        expect(line, url).toMatch(/^INMAIL_IMAP_URL/);
        expect(line, url).not.toMatch(/imap\.mailboxes/);
      }
    }
  });

  it('finds placeholder bounce domains (for `config check` to warn of)', () => {
    const c = loadConfig({ env: { INMAIL_BOUNCE_DOMAINS: 'bounces.example.com,bounce.acme.co.jp,mx.test,b.example' }, fileExists: none });
    expect(placeholderDomains(c)).toEqual(['bounces.example.com', 'mx.test', 'b.example']);
  });
});

describe('secrets from files (docker/compose secrets)', () => {
  const files: Record<string, string> = {
    '/run/secrets/verp_secret': 'a-secret-of-enough-length\n',
    '/run/secrets/imap_url': 'imap://bounce%40example.jp:p%40ss@imap.example.jp:993/INBOX\n',
    '/run/secrets/postgres_password': 's3cr:t/pw\n',
    '/run/secrets/empty': '\n',
  };
  const readFile = (p: string): string => {
    const f = files[p];
    if (f === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
    return f;
  };

  it('reads INMAIL_*_FILE variables, the value trimmed', () => {
    const c = loadConfig({
      env: { INMAIL_VERP_SECRET_FILE: '/run/secrets/verp_secret', INMAIL_IMAP_URL_FILE: '/run/secrets/imap_url' },
      readFile,
      fileExists: none,
    });
    expect(c.verp.secret).toBe('a-secret-of-enough-length');
    expect(c.imap.mailboxes[0]).toMatchObject({ host: 'imap.example.jp', user: 'bounce@example.jp', password: 'p@ss' });
  });

  it('an empty secret file counts as unset (an optional mailbox left out)', () => {
    const c = loadConfig({ env: { INMAIL_IMAP_URL_FILE: '/run/secrets/empty' }, readFile, fileExists: none });
    expect(c.imap.mailboxes).toEqual([]);
  });

  it('puts INMAIL_DATABASE_PASSWORD(_FILE) into the database URL, encoded', () => {
    const c = loadConfig({
      env: { INMAIL_DATABASE_URL: 'postgres://postgres@db:5432/inmail', INMAIL_DATABASE_PASSWORD_FILE: '/run/secrets/postgres_password' },
      readFile,
      fileExists: none,
    });
    expect(c.database.url).toBe('postgres://postgres:s3cr%3At%2Fpw@db:5432/inmail');
  });

  it('names the variable of a secret file that cannot be read', () => {
    expect(() => loadConfig({ env: { INMAIL_VERP_SECRET_FILE: '/run/secrets/missing' }, readFile, fileExists: none })).toThrow(
      /INMAIL_VERP_SECRET_FILE \/run\/secrets\/missing: no such file/,
    );
  });

  it('binds metrics and health to loopback unless configured (INMAIL_HTTP_HOST)', () => {
    expect(loadConfig({ env: {}, fileExists: none }).http.host).toBe('127.0.0.1');
    expect(loadConfig({ env: { INMAIL_HTTP_HOST: '0.0.0.0' }, fileExists: none }).http.host).toBe('0.0.0.0');
  });
});
