// The SMTP listener: accepts mail for the bounce domains only and hands each
// mail to the intake contract (accept.ts), which commits it before the 250 and
// enqueues it. Every refusal is a clear SMTP reply and a log line carrying the session id.
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import type { Config } from '../config.js';
import { describe } from '../errors.js';
import type { Logger } from '../logger.js';
import { metrics } from '../metrics.js';
import { BytesInFlight } from './bytes-in-flight.js';
import { countReceived, type Intake } from './accept.js';
import { SessionGuards } from './smtp-guard.js';
import { SmtpRules, type Refusal } from './smtp-rules.js';
import { TLS_MIN_VERSION, readTlsFiles, watchTlsFiles } from './smtp-tls.js';

export interface SmtpDeps {
  config: Config;
  intake: Intake;
  logger: Logger;
  /** Called when the backlog is too large to accept more (451 4.3.2); optional. */
  overloaded?: () => boolean;
}

export interface SmtpIntake {
  port: number;
  listening(): boolean;
  close(): Promise<void>;
}

class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startSmtp(deps: SmtpDeps): Promise<SmtpIntake> {
  const { config, logger } = deps;
  const smtp = config.smtp;
  const rules = new SmtpRules(smtp);
  const dataBytes = new BytesInFlight(smtp.maxDataBytesInFlight);
  // Sessions counted in `connections`: smtp-server calls onClose for refused ones too, and
  // lowering the count for those let one client alternate 421 and 220 until it held every slot.
  const countedSessions = new Set<string>();
  // One child logger per SMTP session, made when the session first logs.
  const sessionLogs = new WeakMap<SMTPServerSession, Logger>();
  const sessionLog = (session: SMTPServerSession): Logger => {
    let log = sessionLogs.get(session);
    if (!log) {
      log = logger.child({ session: session.id, remote: session.remoteAddress });
      sessionLogs.set(session, log);
    }
    return log;
  };
  // Refusals are counted here; what reaches the store is counted by the intake contract.
  const counted = (result: 'refused' | 'deferred', reason = '') => countReceived('smtp', result, reason);
  /** Logs, counts and answers one of the rules' refusals. */
  const refuse = (session: SMTPServerSession, r: Refusal, callback: (err: Error) => void): void => {
    sessionLog(session)[r.level](r.detail ?? {}, r.log);
    counted(r.result, r.reason);
    callback(new SmtpReply(r.code, r.message));
  };

  // STARTTLS only with a configured certificate: smtp-server would otherwise offer its built-in one.
  const tlsFiles = smtp.tls.cert && smtp.tls.key ? { cert: smtp.tls.cert, key: smtp.tls.key } : null;
  const tlsMaterial = tlsFiles ? readTlsFiles(tlsFiles) : null;
  const tlsProtocols = new Map<string, string>();

  const server = new SMTPServer({
    name: smtp.hostname,
    banner: 'inmail bounce processor',
    size: smtp.maxMessageBytes,
    authOptional: true,
    disabledCommands: tlsMaterial ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tlsMaterial ? { key: tlsMaterial.key, cert: tlsMaterial.cert, minVersion: TLS_MIN_VERSION } : {}),
    onSecure(socket, session, callback) {
      const protocol = (socket as TLSSocket).getProtocol?.() ?? 'unknown';
      tlsProtocols.set(session.id, protocol);
      metrics.smtpTls.inc({ protocol });
      if (logger.isLevelEnabled('debug')) sessionLog(session).debug({ protocol }, 'STARTTLS');
      callback();
    },
    maxClients: smtp.maxClients,
    // A backstop: the guards' command clock (smtp.socketTimeoutSeconds) answers first, with a log line.
    socketTimeout: (smtp.socketTimeoutSeconds + 30) * 1000,
    logger: false,
    onConnect(session, callback) {
      const refused = rules.connect(session.remoteAddress);
      if (refused) return refuse(session, refused, callback);
      countedSessions.add(session.id);
      guards.start(session);
      if (logger.isLevelEnabled('debug')) sessionLog(session).debug('connected');
      callback();
    },
    onClose(session) {
      guards.end(session);
      tlsProtocols.delete(session.id);
      if (countedSessions.delete(session.id)) rules.disconnected(session.remoteAddress);
    },
    onMailFrom(_address: SMTPServerAddress, session, callback) {
      const refused = rules.mailFrom(session.remoteAddress, deps.overloaded?.() ?? false);
      if (refused?.reason === 'backlog') metrics.backpressureDeferrals.inc();
      if (refused) return refuse(session, refused, callback);
      callback();
    },
    onRcptTo(address: SMTPServerAddress, session, callback) {
      const refused = rules.rcptTo(address.address, session.envelope.rcptTo.length);
      if (refused) return refuse(session, refused, callback);
      callback();
    },
    onData(stream: Readable & { sizeExceeded?: boolean }, session, reply) {
      const log = sessionLog(session);
      // Every answer to the message restarts the client's command clock.
      const callback: typeof reply = (...args) => {
        guards.dataAnswered(session);
        reply(...args);
      };
      const chunks: Buffer[] = [];
      let size = 0;
      // Bytes of this message counted in dataBytes; once over the sessions' bound, none are kept.
      let kept = 0;
      let overBound = false;
      const letGo = () => {
        dataBytes.give(kept);
        kept = 0;
      };
      guards.dataStarted(session);
      stream.on('data', (chunk: Buffer) => {
        // Past the limit the rest is read and dropped: smtp-server needs the stream drained.
        if (size <= smtp.maxMessageBytes && !overBound) {
          if (dataBytes.take(chunk.length, kept)) {
            chunks.push(chunk);
            kept += chunk.length;
          } else {
            overBound = true;
            chunks.length = 0;
            letGo();
          }
        }
        size += chunk.length;
        guards.dataBytes(session, chunk.length);
      });
      stream.on('error', (err) => {
        letGo();
        guards.dataEnded(session);
        // A session the guards cut was logged and counted there.
        if (!guards.cutReason(session)) {
          log.warn({ err: describe(err) }, 'DATA stream failed');
          counted('deferred', 'data-stream');
        }
        callback(new SmtpReply(451, '4.3.0 Error reading the message, try again later'));
      });
      stream.on('end', () => {
        guards.dataEnded(session);
        const oversize = stream.sizeExceeded === true || size > smtp.maxMessageBytes;
        if (overBound && !oversize) {
          return refuse(
            session,
            {
              code: 452,
              message: '4.3.1 Insufficient system storage, try again later',
              result: 'deferred',
              reason: 'memory',
              log: 'deferred: the SMTP sessions hold smtp.maxDataBytesInFlight',
              level: 'warn',
              detail: { size, limit: smtp.maxDataBytesInFlight },
            },
            callback,
          );
        }
        const body = oversize ? Buffer.alloc(0) : Buffer.concat(chunks, size);
        chunks.length = 0;
        const refused = rules.message(body, size, oversize);
        if (refused) {
          letGo();
          return refuse(session, refused, callback);
        }
        const envelope = session.envelope;
        deps.intake
          .accept({
            source: 'smtp',
            sourceRef: session.id,
            remoteAddr: session.remoteAddress,
            helo: session.hostNameAppearsAs,
            mailFrom: envelope.mailFrom ? envelope.mailFrom.address : null,
            rcptTo: envelope.rcptTo.map((r) => r.address),
            tls: tlsProtocols.get(session.id) ?? null,
            body,
          })
          .finally(letGo)
          .then(
            (stored) => {
              log.debug({ rawMailId: stored.id, size, stored: stored.kind }, 'mail stored'); // as IMAP's: see the worker's 'mail processed'
              callback(null, `2.0.0 Ok: stored as ${stored.id}`);
            },
            (err: unknown) => {
              log.error({ err: describe(err) }, 'could not store mail: answered 451');
              callback(new SmtpReply(451, '4.3.0 Temporary failure storing the message, try again later'));
            },
          );
      });
    },
  });

  const guards = new SessionGuards(
    server,
    {
      commandMs: smtp.socketTimeoutSeconds * 1000,
      maxSessionMs: smtp.maxSessionSeconds * 1000,
      maxDataMs: smtp.maxDataSeconds * 1000,
      dataGraceMs: smtp.dataGraceSeconds * 1000,
      minDataBytesPerSecond: smtp.minDataBytesPerSecond,
    },
    (session, reason, detail) => {
      metrics.smtpSessionsCut.inc({ reason });
      sessionLog(session).warn({ reason, ...detail }, `session cut (${reason}): answered 421 4.4.2`);
    },
  );
  server.on('error', (err) => logger.warn({ err: describe(err) }, 'SMTP server error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(smtp.port, smtp.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : smtp.port;
  logger.info({ host: smtp.host, port, domains: smtp.bounceDomains, starttls: tlsMaterial !== null }, 'SMTP listener ready');
  const unwatchTls = tlsFiles
    ? watchTlsFiles(
        tlsFiles,
        (m) => {
          server.updateSecureContext({ key: m.key, cert: m.cert, minVersion: TLS_MIN_VERSION });
          logger.info({ cert: tlsFiles.cert }, 'TLS certificate reloaded');
        },
        (err) => logger.error({ err: err.message }, 'TLS certificate changed but cannot be used; keeping the previous one'),
      )
    : () => undefined;

  return {
    port,
    listening: () => server.server.listening,
    async close() {
      // Stops accepting and lets open sessions finish; the owner of the intake closes it.
      unwatchTls();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
