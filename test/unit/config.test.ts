import { describe, expect, it } from 'vitest';
import { checkRole, ConfigError, loadConfig, mailboxFromUrl } from '../../src/config.js';

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
    expect(problems).toMatch(/smtp\.port \(INMAIL_SMTP_PORT\)/);
    expect(problems).toMatch(/log\.level \(INMAIL_LOG_LEVEL\)/);
  });

  it('refuses unknown keys in the file', () => {
    expect(() => loadConfig({ env: { INMAIL_CONFIG: 'x.yaml' }, readFile: () => 'smtp:\n  prot: 25\n' })).toThrow(/smtp/);
  });

  it('reads a mailbox from INMAIL_IMAP_URL with an encoded password', () => {
    const c = loadConfig({ env: { INMAIL_IMAP_URL: 'imap://bounce%40ex.com:p%40ss@imap.ex.com:143/INBOX?tls=none&after=seen&kind=feedback' }, fileExists: none });
    expect(c.imap.mailboxes[0]).toMatchObject({ host: 'imap.ex.com', port: 143, user: 'bounce@ex.com', password: 'p@ss', after: 'seen', kind: 'feedback', tls: 'none' });
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
    expect(withEnv).toEqual(expect.arrayContaining(['INMAIL_DATABASE_URL=database.url', 'INMAIL_SMTP_PORT=smtp.port', 'INMAIL_BOUNCE_DOMAINS=smtp.bounceDomains']));
  });
});
