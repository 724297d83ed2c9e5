// Two hosts sharing the work: two daemons of every role, each in its own network
// namespace with its own address, on the same Postgres and Redis (reached over
// the bridge through proxies in the root namespace). Mails go to both listeners
// and into the IMAP mailbox; one host is killed with -9 mid-load: the other
// takes the IMAP lease over and finishes the backlog, nothing lost, nothing
// counted twice. Needs root (ip netns), as CI runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN, Ledger, appendImap, makeMails, sendSmtp } from '../chaos/load.js';
import { spawnDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { DOVECOT_PASSWORD, startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { canCreateHosts, createHosts, type HostNetwork } from '../helpers/netns.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { startProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

let db: TestDb;
let prefix: string;
let dovecot: Dovecot;
let net: HostNetwork | null = null;
const proxies: TcpProxy[] = [];
const daemons: RunningDaemon[] = [];

/** A counter of a host's /metrics, summed over the series whose labels hold `match`. */
async function metric(host: string, name: string, match: string): Promise<number> {
  const text = await (await fetch(`http://${host}:9187/metrics`, { signal: AbortSignal.timeout(3000) })).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) && l.includes(match))
    .reduce((a, l) => a + Number(l.split(' ').pop()), 0);
}

beforeAll(async () => {
  if (!canCreateHosts()) return;
  net = createHosts(['a', 'b']);
  db = await createTestDb();
  prefix = testPrefix();
  dovecot = await startDovecot();
});

afterAll(async () => {
  for (const d of daemons) await d.stop('SIGKILL');
  for (const p of proxies) await p.close();
  net?.remove();
  await dovecot?.stop();
  await db?.drop();
  if (prefix) await dropPrefix(prefix);
});

describe('two hosts in their own network namespaces', () => {
  it('share the load; when one dies the other takes the IMAP lease and finishes; nothing lost or counted twice', async () => {
    if (!net) throw new Error('this test needs root to create network namespaces (ip netns); CI runs as root');
    const gw = net.gateway;
    const pgUrl = new URL(db.url);
    const redisUrl = new URL(REDIS_URL);
    const [pgProxy, redisProxy, imapProxy] = await Promise.all([
      startProxy(pgUrl.hostname, Number(pgUrl.port || 5432), gw),
      startProxy(redisUrl.hostname, Number(redisUrl.port || 6379), gw),
      startProxy('127.0.0.1', dovecot.port, gw),
    ]);
    proxies.push(pgProxy, redisProxy, imapProxy);
    pgUrl.hostname = gw;
    pgUrl.port = String(pgProxy.port);
    const env = {
      INMAIL_DATABASE_URL: pgUrl.toString(),
      INMAIL_REDIS_URL: `redis://${gw}:${redisProxy.port}`,
      INMAIL_QUEUE_PREFIX: prefix,
      INMAIL_SMTP_HOST: '0.0.0.0',
      INMAIL_SMTP_PORT: '2525',
      // Metrics listen on loopback unless told otherwise; here the test scrapes each host from outside.
      INMAIL_HTTP_HOST: '0.0.0.0',
      INMAIL_HTTP_PORT: '9187',
      INMAIL_BOUNCE_DOMAINS: DOMAIN,
    };
    const configYaml = `imap:\n  mailboxes:\n    - name: shared\n      host: ${gw}\n      port: ${imapProxy.port}\n      tls: none\n      user: shared\n      password: ${DOVECOT_PASSWORD}\n      after: move:Done\n      kind: bounce\n`;
    const [a, b] = net.hosts;
    if (!a || !b) throw new Error('two hosts expected');
    for (const h of [a, b]) {
      const d = await spawnDaemon({ env, roles: ['all'], configYaml, netns: h.ns });
      daemons.push(d);
      await d.waitForLog(/"msg":"inmail started"/, 60_000);
    }
    const [hostA, hostB] = daemons;
    if (!hostA || !hostB) throw new Error('two daemons expected');
    // A started first and holds the mailbox; B waits for the lease.
    await hostA.waitForLog(/mailbox lease taken/, 20_000);

    const ledger = new Ledger();
    const giveUpAt = Date.now() + 120_000;
    const smtpMails = makeMails('two', 0, 300);
    const imapMails = makeMails('two', 300, 100);
    const load = Promise.all([
      sendSmtp(
        [
          { host: a.address, port: 2525 },
          { host: b.address, port: 2525 },
        ],
        smtpMails,
        ledger,
        { clients: 4, giveUpAt },
      ),
      appendImap(dovecot.port, 'shared', imapMails, ledger, { giveUpAt }),
    ]);
    await waitFor('host A has worked', async () => (await metric(a.address, 'inmail_mails_processed_total', 'outcome="processed"')) >= 30, {
      timeoutMs: 60_000,
    });
    const byA = await metric(a.address, 'inmail_mails_processed_total', 'outcome="processed"');
    const acceptedByA = await metric(a.address, 'inmail_mails_received_total', 'result="accepted"');
    await hostA.stop('SIGKILL');
    await load;
    expect(ledger.acked.size).toBe(400);

    const all = [...ledger.acked.keys()];
    const processed = async () =>
      (
        await db.pool.query<{ n: number }>(`SELECT count(DISTINCT address)::int AS n FROM bounce_event WHERE address = ANY($1::text[])`, [
          all,
        ])
      ).rows[0]?.n ?? 0;
    await waitFor('host B finished the backlog', async () => (await processed()) === 400, { timeoutMs: 60_000 });
    // B takes the mailbox once A's lease expires (imap.leaseSeconds, 10 s): when A had drained every IMAP
    // mail before it died, B finishes the SMTP backlog before that, and the lease comes after.
    await hostB.waitForLog(/mailbox lease taken/, 30_000);
    const byB = await metric(b.address, 'inmail_mails_processed_total', 'outcome="processed"');
    const acceptedByB = await metric(b.address, 'inmail_mails_received_total', 'result="accepted"');
    console.log(
      `two hosts: A accepted ${acceptedByA} and processed ${byA} before it was killed; B accepted ${acceptedByB} and processed ${byB}`,
    );
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
    expect(acceptedByA).toBeGreaterThan(0);
    expect(acceptedByB).toBeGreaterThan(0);
    // Nothing counted twice: one event and one error per address.
    const twice = await db.pool.query(`SELECT address FROM bounce_event GROUP BY address HAVING count(*) > 1`);
    expect(twice.rows).toEqual([]);
    const counts = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM address WHERE error_count <> 1`);
    expect(counts.rows[0]?.n).toBe(0);
    // Two daemons, 400 mails and a lease takeover: longer than the default minute on a busy machine.
  }, 180_000);
});
