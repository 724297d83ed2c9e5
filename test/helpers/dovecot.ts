// A throwaway Dovecot 2.3 IMAP server per test file (../shared/docs/dovecot.md):
// its own temp dir and free port, any user logs in with DOVECOT_PASSWORD,
// killed with SIGKILL (its children exit with the master) and removed afterwards.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const DOVECOT_PASSWORD = 'testpass';

export interface Dovecot {
  host: string;
  port: number;
  dir: string;
  /** Kills the server (SIGKILL), keeping its mail: start() brings it back on the same port. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Kills the server and removes its directory. */
  stop(): Promise<void>;
  log(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves on the "* OK" greeting (an open port alone is not enough: login processes may not be up yet). */
function greeted(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    let buf = '';
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      if (buf.includes('\n')) done(buf.startsWith('* OK'));
    });
    sock.on('error', () => done(false));
  });
}

function idOf(kind: 'u' | 'g', name: string): number {
  return Number(execFileSync('id', [`-${kind}`, name], { encoding: 'utf8' }).trim());
}

export interface DovecotOptions {
  /** false: the server does not announce IDLE, so clients must poll. */
  idle?: boolean;
  /** OAuth2 (XOAUTH2, OAUTHBEARER) beside passwords: Dovecot POSTs each token to this introspection URL. */
  oauth2IntrospectionUrl?: string;
}

function config(dir: string, port: number, opts: DovecotOptions): string {
  const root = process.getuid?.() === 0;
  const me = userInfo().username;
  const group = root ? 'dovecot' : execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
  const mailUid = root ? idOf('u', 'nobody') : idOf('u', me);
  const mailGid = idOf('g', root ? 'nobody' : me);
  return `base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = dovetest-${port}
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login${opts.oauth2IntrospectionUrl ? ' xoauth2 oauthbearer' : ''}
auth_failure_delay = 0
mail_location = maildir:${dir}/mail/%n/Maildir
first_valid_uid = 0
default_internal_user = ${root ? 'dovecot' : me}
default_internal_group = ${group}
default_login_user = ${root ? 'dovenull' : me}
${
  opts.oauth2IntrospectionUrl
    ? `passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${dir}/oauth2.conf.ext
}
`
    : ''
}passdb {
  driver = static
  args = password=${DOVECOT_PASSWORD}
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${dir}/mail/%n
}
namespace inbox {
  inbox = yes
}
${opts.idle === false ? 'imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ UIDPLUS MOVE\n' : ''}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

function chownTree(dir: string, uid: number, gid: number): void {
  execFileSync('chown', ['-R', `${uid}:${gid}`, dir]);
}

export async function startDovecot(opts: DovecotOptions = {}): Promise<Dovecot> {
  const version = execFileSync('dovecot', ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith('2.3.')) throw new Error(`test/helpers/dovecot.ts has a Dovecot 2.3 template; found ${version}`);
  const dir = mkdtempSync(join(tmpdir(), 'inmail-dovecot-'));
  const port = await freePort();
  const conf = join(dir, 'dovecot.conf');
  writeFileSync(conf, config(dir, port, opts));
  if (opts.oauth2IntrospectionUrl) {
    writeFileSync(
      join(dir, 'oauth2.conf.ext'),
      `introspection_mode = post\nintrospection_url = ${opts.oauth2IntrospectionUrl}\nusername_attribute = username\n` +
        'active_attribute = active\nactive_value = true\nforce_introspection = yes\n',
    );
  }
  // Root run: the mail user (nobody) must be able to create its Maildir in the 0700 temp dir.
  if (process.getuid?.() === 0) chownTree(dir, idOf('u', 'nobody'), idOf('g', 'nobody'));
  let child: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    // Its own process group, so that kill() takes the master and every child it forked, even one forked late.
    const proc = spawn('dovecot', ['-c', conf, '-F'], { stdio: 'ignore', detached: true });
    child = proc;
    const deadline = Date.now() + 15_000;
    while (!(await greeted(port))) {
      if (proc.exitCode !== null) throw new Error(`dovecot exited (${proc.exitCode}): ${readLog()}`);
      if (Date.now() > deadline) throw new Error(`no IMAP greeting from dovecot on port ${port}: ${readLog()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const kill = async (): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    // Its children too, at once: a post-login imap process otherwise lingers ~10 s after the
    // master is gone, and a test of "the server died" wants the connections dropped now. The whole
    // process group dies in one signal: a list of children taken first misses one forked meanwhile
    // (seen on a loaded machine: the session's connection stayed open and no reconnect came).
    try {
      if (proc.pid !== undefined) process.kill(-proc.pid, 'SIGKILL');
    } catch (err) {
      if ((err as { code?: string }).code !== 'ESRCH') throw err; // already gone
    }
    await exited;
  };
  const readLog = (): string => (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '');

  await start();
  return {
    host: '127.0.0.1',
    port,
    dir,
    kill,
    start,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
    log: readLog,
  };
}
