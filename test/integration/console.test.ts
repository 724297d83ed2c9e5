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

// Waits are on conditions only, with room for a loaded machine (vitest's expect.poll gives up after 1 s by default).
const WAIT = { timeout: 30_000, interval: 50 };
const until = <T>(probe: () => Promise<T> | T) => expect.poll(probe, WAIT);
/** Waits until the element shows this text (Playwright re-checks the page as it changes). */
const seeText = (selector: string, text: string | RegExp) =>
  page.locator(selector).filter({ hasText: text }).first().waitFor({ timeout: WAIT.timeout });
/** Opens a console page and waits until it is drawn (the app marks main with data-page once the page's reads are done). */
async function open(hash: string): Promise<void> {
  const url = `${api.base}/ui/${hash}`;
  // The mark of the page shown now goes first, so that only the page asked for can set it again.
  // (A string: the test's TypeScript has no DOM types.)
  await page.evaluate(`delete document.getElementById('main')?.dataset.page`).catch(() => undefined);
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  const path = hash.slice(1).split('?')[0] || '/';
  await page.locator(`main[data-page="${path}"]`).waitFor({ timeout: WAIT.timeout });
}

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
    await seeText('#login-error', /unknown or revoked token/);
    await shot('0-login');
    await page.fill('input[name=token]', api.tokens.admin);
    await page.click('#login button[type=submit]');
    await page.locator('main[data-page="/"]').waitFor({ timeout: WAIT.timeout });
    expect(await page.textContent('#counts')).toMatch(/quarantined/);
    expect(await page.locator('#chart-hours rect').count()).toBeGreaterThan(0);
    expect(await page.textContent('#chart-reasons')).toContain('userunknown');
    expect(await page.textContent('#mx-advice')).toMatch(/blocked\.example\s*block/);
    await shot('1-dashboard');
  });

  it('searches the quarantine with filters, then releases with the dry-run count shown before the confirm', async () => {
    await open('#/addresses');
    await page.selectOption('#filters select[name=status]', 'quarantined');
    await page.fill('#filters input[name=domain]', 'neko.example');
    await page.click('#filters button[type=submit]');
    await until(() => page.locator('#addresses tbody tr').count()).toBe(3);
    expect(await page.textContent('#addresses')).toContain('tama@neko.example');
    expect(await page.textContent('#addresses')).not.toContain('pochi@inu.example');
    await shot('2-quarantine-search');
    await page.click('#release-dry');
    await seeText('#release-count', /Dry run: 3 addresses would be released/);
    expect(await addressStatus('tama@neko.example')).toBe('quarantined');
    await shot('3-release-dry-run');
    await page.fill('#release-note', 'ISP outage');
    await page.click('#release-confirm');
    await until(() => addressStatus('tama@neko.example')).toBe('valid');
    expect(await addressStatus('pochi@inu.example')).toBe('quarantined');
    // The release is one change, with its undo at hand.
    await seeText('#release-done', /Released 3 addresses as change \d+/);
    await shot('3b-release-done');
    await page.click('#release-done button.undo');
    await seeText('#release-done', /Undone: 3 addresses restored/);
    expect(await addressStatus('tama@neko.example')).toBe('quarantined');
    await open('#/changes');
    const release = page.locator('#changes tr', { hasText: 'ISP outage' });
    expect(await release.textContent()).toMatch(/release.*undone by \d+/);
    await shot('3c-changes');
  });

  it("opens an address's page: the explain chain, the raw mail, the history; edits it", async () => {
    await open('#/addresses?domain=inu.example');
    await page.click('#addresses a:has-text("pochi@inu.example")');
    await page.waitForSelector('#chain');
    expect(await page.textContent('#chain')).toMatch(/User unknown/);
    expect(await page.textContent('#chain')).toMatch(/userunknown \/ hard/);
    await page.click('#show-raw');
    await seeText('#raw', /multipart\/report/);
    await shot('4-address-explain');
    await page.selectOption('#edit select[name=status]', 'denylisted');
    await page.fill('#edit input[name=note]', 'asked by the customer');
    await page.click('#edit button[type=submit]');
    await until(() => addressStatus('pochi@inu.example')).toBe('denylisted');
    await seeText('#history', 'asked by the customer');
  });

  it('creates an entry and deletes it', async () => {
    await open('#/new');
    await page.fill('#edit input[name=address]', 'new@manual.example');
    await page.selectOption('#edit select[name=status]', 'allowlisted');
    await page.click('#edit button[type=submit]');
    await page.waitForSelector('#delete');
    expect(await addressStatus('new@manual.example')).toBe('allowlisted');
    page.once('dialog', (d) => void d.accept());
    await page.click('#delete');
    await until(() => addressStatus('new@manual.example')).toBeNull();
  });

  it('qualifies a text from the to-qualify queue, then reapplies it with a preview', async () => {
    await open('#/qualification');
    const row = page.locator('#texts tr', { hasText: 'frobnicator' });
    await row.waitFor();
    await shot('5-to-qualify');
    await row.locator('select[name=reason]').selectOption('userunknown');
    await row.locator('select[name=type]').selectOption('hard');
    await row.locator('button.keep').click();
    await until(
      async () =>
        (await db.pool.query<{ status: string }>(`SELECT status FROM qualification WHERE first_text LIKE '%frobnicator%'`)).rows[0]?.status,
    ).toBe('keep');
    // The page lists to-qualify texts again: the kept one has left it (and the old buttons with it).
    await row.waitFor({ state: 'detached' });
    await page.click('#reapply-dry');
    await seeText('#reapply-count', /2 of 2 stored event\(s\) would be re-decided; 2 address\(es\) would change/);
    expect(await addressStatus('a@zorg.example')).not.toBe('quarantined');
    await page.click('#reapply-confirm');
    await until(() => addressStatus('a@zorg.example')).toBe('quarantined');
  });

  it('back-tests a rule on stored events', async () => {
    await open('#/rules');
    await page.fill('#backtest input[name=text]', 'mailbox unavailable');
    await page.selectOption('#backtest select[name=reason]', 'mailboxfull');
    await page.selectOption('#backtest select[name=type]', 'soft');
    await page.fill('#backtest input[name=example]', '550 5.1.1 mailbox unavailable (outage)');
    await page.click('#backtest button[type=submit]');
    await seeText('#backtest-result', /the rule would decide \d+/);
    expect(await page.textContent('#backtest-result')).toContain('outage.example');
    await shot('6-rules-backtest');
  });

  it('adds a user rule, edits it, disables and enables it, deletes it; disables a shipped one', async () => {
    const gremlins = async () =>
      (
        ((await api.call('GET', '/v1/rules?origin=user')).body as { rules: unknown }).rules as {
          id: string;
          enabled: boolean;
          match: { text?: string };
          result: { reason: string };
        }[]
      ).find((r) => r.match.text === 'gremlins in the relay');
    await open('#/rules');
    await page.fill('#backtest input[name=text]', 'gremlins in the relay');
    await page.selectOption('#backtest select[name=reason]', 'userunknown');
    await page.fill('#backtest input[name=example]', '550 gremlins in the relay ate it');
    await page.click('#rule-add');
    const row = page.locator('#rules tr', { hasText: 'gremlins in the relay' });
    await row.waitFor({ timeout: WAIT.timeout });
    const added = await gremlins();
    expect(added).toMatchObject({ enabled: true, result: { reason: 'userunknown' } });

    await row.locator('a.edit').click();
    await page.locator(`#backtest[data-editing="${added?.id}"]`).waitFor({ timeout: WAIT.timeout });
    expect(await page.inputValue('#backtest input[name=text]')).toBe('gremlins in the relay');
    await page.selectOption('#backtest select[name=reason]', 'mailboxfull');
    await page.selectOption('#backtest select[name=type]', 'soft');
    await page.click('#backtest button[type=submit]');
    await seeText('#backtest-result', /the rule would decide \d+/);
    await shot('8-rule-edit');
    await page.click('#rule-save');
    await until(async () => (await gremlins())?.result.reason).toBe('mailboxfull');
    await seeText('#rules tr', 'mailboxfull/soft');

    await row.locator('button.toggle', { hasText: 'Disable' }).click();
    await until(async () => (await gremlins())?.enabled).toBe(false);
    await row.locator('button.toggle', { hasText: 'Enable' }).click();
    await until(async () => (await gremlins())?.enabled).toBe(true);

    const shippedRules = async () =>
      ((await api.call('GET', '/v1/rules?origin=shipped')).body as { rules: { id: string; enabled: boolean }[] }).rules;
    const [first] = await shippedRules();
    await page.click('#shipped summary');
    await page.locator(`#shipped-rules tr[data-id="${first?.id}"] button.toggle`).click();
    await until(async () => (await shippedRules()).find((r) => r.id === first?.id)?.enabled).toBe(false);
    await page.locator(`#shipped-rules tr[data-id="${first?.id}"] button.toggle`, { hasText: 'Enable' }).click();
    await until(async () => (await shippedRules()).find((r) => r.id === first?.id)?.enabled).toBe(true);

    page.once('dialog', (d) => void d.accept());
    await row.locator('button.delete').click();
    await until(gremlins).toBeUndefined();
    await row.waitFor({ state: 'detached', timeout: WAIT.timeout });
  });

  it('confirms an incident', async () => {
    await open('#/incidents');
    const row = page.locator('#incidents tr', { hasText: 'outage.example' });
    await row.waitFor();
    await shot('7-incidents');
    await row.locator('button.confirm').click();
    await until(async () => (await db.pool.query<{ status: string }>('SELECT status FROM incident')).rows[0]?.status).toBe('confirmed');
    await seeText('#incidents', 'confirmed');
  });
});
