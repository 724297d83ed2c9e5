// The web console in a real browser: Debian's Chromium driven by playwright-core
// (no browser download), against the api role on a real port with real
// Postgres and Redis. Logs in, searches, releases with the dry-run count shown
// first, opens an address's explain chain and raw mail, creates an entry,
// qualifies a text, back-tests a rule, confirms an incident; a screenshot of
// each page goes to test-artifacts/console/.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeRaw } from '../../src/intake/store-raw.js';
import { processMail, type ProcessDeps } from '../../src/jobs/process-mail.js';
import { createLogger } from '../../src/logger.js';
import { startRules, type RulesRuntime } from '../../src/qualify/runtime.js';
import { startTestApi, type TestApi } from '../helpers/api.js';
import { buildDsn } from '../helpers/dsn.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

const CHROMIUM = process.env.INMAIL_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = new URL('../../test-artifacts/console/', import.meta.url).pathname;

let db: TestDb;
let api: TestApi;
let prefix: string;
let rules: RulesRuntime;
let deps: ProcessDeps;
let browser: Browser;
let page: Page;

async function bounce(address: string, diagnostic: string, status: string): Promise<void> {
  const body = Buffer.from(buildDsn({ recipients: [{ address, status, diagnostic }] }));
  const stored = await storeRaw(db.pool, { source: 'smtp', rcptTo: ['b@bounces.test'], body });
  expect((await processMail(deps, stored.id)).kind).toBe('processed');
}
const addressStatus = async (a: string) =>
  (await db.pool.query<{ status: string }>('SELECT status FROM address WHERE address_key = $1', [a])).rows[0]?.status ?? null;
const shot = (name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  mkdirSync(SHOTS, { recursive: true });
  db = await createTestDb();
  prefix = testPrefix();
  api = await startTestApi(db, { INMAIL_REDIS_URL: REDIS_URL, INMAIL_QUEUE_PREFIX: prefix });
  const logger = createLogger('silent');
  rules = await startRules({ pool: db.pool, redisUrl: REDIS_URL, prefix, logger, pollSeconds: 0.2, flushSeconds: 0.1 });
  deps = {
    pool: db.pool,
    policy: api.config.policy,
    keys: { caseSensitiveLocalPart: false },
    logger,
    qualify: rules.engine.qualify,
    observe: (events) => rules.log.record(events),
    guard: { enabled: true, threshold: 3, windowSeconds: 600 },
  };
  // Real data for every page: hard bounces (two domains), an unknown text, an outage that opens an incident.
  for (const who of ['tama', 'mike', 'kuro'])
    await bounce(
      `${who}@neko.example`,
      `550 5.1.1 <${who}@neko.example>: Recipient address rejected: User unknown in local recipient table`,
      '5.1.1',
    );
  await bounce(
    'pochi@inu.example',
    '550 5.1.1 <pochi@inu.example>: Recipient address rejected: User unknown in local recipient table',
    '5.1.1',
  );
  for (const [i, who] of ['a', 'b'].entries())
    await bounce(`${who}@zorg.example`, `550 5.0.0 <${who}@zorg.example>: zorglub refused by the frobnicator, ticket ${i}`, '5.0.0');
  for (const who of ['u1', 'u2', 'u3', 'u4', 'u5'])
    await bounce(`${who}@outage.example`, '550 5.1.1 mailbox unavailable (outage)', '5.1.1');
  await waitFor(
    'the qualification log flush',
    async () => (await db.pool.query(`SELECT 1 FROM qualification WHERE first_text LIKE '%frobnicator%'`)).rowCount,
  );
  // An advice in force, as the worker writes it from delivery reports (test/integration/mx-advice.test.ts makes one for real).
  await db.pool.query(
    `INSERT INTO mx_advice (scope, target, action, per_hour, rule_id, since, until, messages, errors)
     VALUES ('domain', 'blocked.example', 'block', NULL, 'mx-block-mass-failure', now(), now() + interval '3 hours', 300, 270)`,
  );
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (err) => console.error(`console page error: ${err.message}`));
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await rules?.stop();
  await db?.drop();
  await dropPrefix(prefix);
});

describe('the web console', () => {
  it('refuses a wrong token and logs in with a right one, showing the dashboard with charts', async () => {
    await page.goto(`${api.base}/ui/`);
    await page.fill('input[name=token]', 'inm_wrong');
    await page.click('#login button[type=submit]');
    await expect.poll(() => page.textContent('#login-error')).toMatch(/unknown or revoked token/);
    await shot('0-login');
    await page.fill('input[name=token]', api.tokens.admin);
    await page.click('#login button[type=submit]');
    await page.waitForSelector('#counts');
    expect(await page.textContent('#counts')).toMatch(/quarantined/);
    expect(await page.locator('#chart-hours rect').count()).toBeGreaterThan(0);
    expect(await page.textContent('#chart-reasons')).toContain('userunknown');
    expect(await page.textContent('#mx-advice')).toMatch(/blocked\.example\s*block/);
    await shot('1-dashboard');
  });

  it('searches the quarantine with filters, then releases with the dry-run count shown before the confirm', async () => {
    await page.goto(`${api.base}/ui/#/addresses`);
    await page.selectOption('#filters select[name=status]', 'quarantined');
    await page.fill('#filters input[name=domain]', 'neko.example');
    await page.click('#filters button[type=submit]');
    await expect.poll(() => page.locator('#addresses tbody tr').count()).toBe(3);
    expect(await page.textContent('#addresses')).toContain('tama@neko.example');
    expect(await page.textContent('#addresses')).not.toContain('pochi@inu.example');
    await shot('2-quarantine-search');
    await page.click('#release-dry');
    await expect.poll(() => page.textContent('#release-count')).toMatch(/Dry run: 3 addresses would be released/);
    expect(await addressStatus('tama@neko.example')).toBe('quarantined');
    await shot('3-release-dry-run');
    await page.fill('#release-note', 'ISP outage');
    await page.click('#release-confirm');
    await expect.poll(() => addressStatus('tama@neko.example')).toBe('valid');
    expect(await addressStatus('pochi@inu.example')).toBe('quarantined');
  });

  it("opens an address's page: the explain chain, the raw mail, the history; edits it", async () => {
    await page.goto(`${api.base}/ui/#/addresses?domain=inu.example`);
    await page.click('#addresses a:has-text("pochi@inu.example")');
    await page.waitForSelector('#chain');
    expect(await page.textContent('#chain')).toMatch(/User unknown/);
    expect(await page.textContent('#chain')).toMatch(/userunknown \/ hard/);
    await page.click('#show-raw');
    await expect.poll(() => page.textContent('#raw')).toMatch(/multipart\/report/);
    await shot('4-address-explain');
    await page.selectOption('#edit select[name=status]', 'denylisted');
    await page.fill('#edit input[name=note]', 'asked by the customer');
    await page.click('#edit button[type=submit]');
    await expect.poll(() => addressStatus('pochi@inu.example')).toBe('denylisted');
    await expect.poll(() => page.textContent('#history')).toContain('asked by the customer');
  });

  it('creates an entry and deletes it', async () => {
    await page.goto(`${api.base}/ui/#/new`);
    await page.fill('#edit input[name=address]', 'new@manual.example');
    await page.selectOption('#edit select[name=status]', 'allowlisted');
    await page.click('#edit button[type=submit]');
    await page.waitForSelector('#delete');
    expect(await addressStatus('new@manual.example')).toBe('allowlisted');
    page.once('dialog', (d) => void d.accept());
    await page.click('#delete');
    await expect.poll(() => addressStatus('new@manual.example')).toBeNull();
  });

  it('qualifies a text from the to-qualify queue, then reapplies it with a preview', async () => {
    await page.goto(`${api.base}/ui/#/qualification`);
    const row = page.locator('#texts tr', { hasText: 'frobnicator' });
    await row.waitFor();
    await shot('5-to-qualify');
    await row.locator('select[name=reason]').selectOption('userunknown');
    await row.locator('select[name=type]').selectOption('hard');
    await row.locator('button.keep').click();
    await expect
      .poll(
        async () =>
          (await db.pool.query<{ status: string }>(`SELECT status FROM qualification WHERE first_text LIKE '%frobnicator%'`)).rows[0]
            ?.status,
      )
      .toBe('keep');
    // The page lists to-qualify texts again: the kept one has left it (and the old buttons with it).
    await row.waitFor({ state: 'detached' });
    await page.click('#reapply-dry');
    await expect
      .poll(() => page.textContent('#reapply-count'))
      .toMatch(/2 of 2 stored event\(s\) would be re-decided; 2 address\(es\) would change/);
    expect(await addressStatus('a@zorg.example')).not.toBe('quarantined');
    await page.click('#reapply-confirm');
    await expect.poll(() => addressStatus('a@zorg.example')).toBe('quarantined');
  });

  it('back-tests a rule on stored events', async () => {
    await page.goto(`${api.base}/ui/#/rules`);
    await page.fill('#backtest input[name=text]', 'mailbox unavailable');
    await page.selectOption('#backtest select[name=reason]', 'mailboxfull');
    await page.selectOption('#backtest select[name=type]', 'soft');
    await page.fill('#backtest input[name=example]', '550 5.1.1 mailbox unavailable (outage)');
    await page.click('#backtest button[type=submit]');
    await expect.poll(() => page.textContent('#backtest-result')).toMatch(/the rule would decide \d+/);
    expect(await page.textContent('#backtest-result')).toContain('outage.example');
    await shot('6-rules-backtest');
  });

  it('confirms an incident', async () => {
    await page.goto(`${api.base}/ui/#/incidents`);
    const row = page.locator('#incidents tr', { hasText: 'outage.example' });
    await row.waitFor();
    await shot('7-incidents');
    await row.locator('button.confirm').click();
    await expect
      .poll(async () => (await db.pool.query<{ status: string }>('SELECT status FROM incident')).rows[0]?.status)
      .toBe('confirmed');
    await expect.poll(() => page.textContent('#incidents')).toContain('confirmed');
  });
});
