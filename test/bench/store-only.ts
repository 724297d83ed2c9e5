// The bare limit: a listener (smtp-server, as the daemon) that only stores each
// mail in Postgres — one INSERT, committed — before its 250. No fingerprint, no
// queue, no worker: what this machine allows an intake to do at all.
// Run as its own process by e2e.ts: node store-only.js DATABASE_URL PORT
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';

const [url, portArg] = process.argv.slice(2);
if (!url || !portArg) throw new Error('usage: store-only DATABASE_URL PORT');
const pool = new pg.Pool({ connectionString: url, max: 10 });

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  maxClients: 500,
  onData(stream: Readable, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const body = Buffer.concat(chunks);
      const sha = createHash('sha256').update(body).digest();
      pool
        .query<{ id: number }>(
          `INSERT INTO raw_mail (source, source_ref, remote_addr, mail_from, rcpt_to, sha256, size, body, state)
           VALUES ('smtp', $1, $2, $3, $4, $5, $6, $7, 'processed') RETURNING id`,
          [
            session.id,
            session.remoteAddress,
            session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            session.envelope.rcptTo.map((r) => r.address),
            sha,
            body.length,
            body,
          ],
        )
        .then(
          (r) => callback(null, `2.0.0 Ok: stored as ${r.rows[0]?.id}`),
          (err: Error) => callback(Object.assign(new Error(`4.3.0 ${err.message}`), { responseCode: 451 })),
        );
    });
  },
});

server.listen(Number(portArg), '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
