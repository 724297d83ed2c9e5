// IMAP intake with an OAuth2 access token instead of a password: Dovecot's
// oauth2 passdb asks a token introspection endpoint (a small HTTP server of the
// test, standing in for the identity provider) whether the token is active.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { createHarness, type Harness } from './imap-harness.js';
import { dsn } from './imap-mails.js';

const TOKEN = 'ya29.test-access-token';
let h: Harness;
let idp: Server;
const introspected: string[] = [];

beforeAll(async () => {
  idp = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const token = new URLSearchParams(body).get('token') ?? '';
      introspected.push(token);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(token === TOKEN ? { active: 'true', username: 'fbl' } : { active: 'false' }));
    });
  });
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  const address = idp.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  h = await createHarness({ oauth2IntrospectionUrl: `http://127.0.0.1:${port}/introspect` });
});

afterAll(async () => {
  await h?.close();
  await new Promise((resolve) => idp?.close(resolve));
});

describe('IMAP intake with OAuth2', () => {
  it('logs in with an access token (no password), stores the waiting mails and moves them', async () => {
    await h.append('fbl', [dsn('o1@example.com'), dsn('o2@example.com')]);
    const intake = h.start(h.config([{ name: 'fbl', accessToken: TOKEN }]));
    await waitFor('the mailbox drained', async () => intake.stats().fbl?.moved === 2);
    expect(introspected).toContain(TOKEN);
    expect((await h.rows()).map((r) => r.state)).toEqual(['pending', 'pending']);
    expect(await h.count('fbl', 'Processed')).toBe(2);
    expect(JSON.stringify(h.logs)).not.toContain(TOKEN);
    await intake.stop();
  });

  it('reports a token the provider says is not active as a refused login, and retries slowly', async () => {
    const intake = h.start(h.config([{ name: 'expired', user: 'fbl', accessToken: 'ya29.revoked' }]));
    const line = await waitFor('the login error', async () => h.logs.find((l) => l.mailbox === 'expired' && l.level === 50));
    expect(line.msg).toMatch(/^IMAP login refused for mailbox expired/);
    expect(line.retryInSeconds).toBe(300);
    expect(introspected).toContain('ya29.revoked');
    expect(intake.stats().expired).toMatchObject({ authFailures: 1, stored: 0 });
    await intake.stop();
  });
});
