// Time limits of an SMTP session that a slow client cannot stretch
// (docs/security.md). smtp-server's own idle timeout restarts on every byte, so
// a client sending one byte a second held its slot forever, in commands and in
// DATA. Here:
//   - each command must be complete within `commandMs` of the previous reply
//     (trickled bytes do not count as activity);
//   - DATA must end within `maxDataMs`, and once it has lasted `dataGraceMs`, it must
//     average at least `minDataBytesPerSecond`;
//   - a session ends after `maxSessionMs`, between transactions.
// A cut session gets `421 4.4.2`, a warn log line and a count in
// inmail_smtp_sessions_cut_total, and its connection slot is given back at once.
import type { SMTPServer, SMTPServerSession } from 'smtp-server';

export interface GuardLimits {
  commandMs: number;
  maxSessionMs: number;
  maxDataMs: number;
  dataGraceMs: number;
  minDataBytesPerSecond: number;
}

export type CutReason = 'idle' | 'session-length' | 'data-time' | 'data-rate';

/** What the guard needs of smtp-server's connection object: its reply, close and command hook. */
interface Connection {
  id: string;
  send(code: number, data?: string, context?: string | false): void;
  _onCommand(command: Buffer, callback?: () => void): void;
  _handlerPending?: boolean;
  _closed?: boolean;
}

interface Guarded {
  conn: Connection;
  started: number;
  command: NodeJS.Timeout | null;
  data: { started: number; bytes: number; timer: NodeJS.Timeout } | null;
  session: NodeJS.Timeout;
  /** The message is in and the client waits for our answer (its commit): no clock of the client's runs. */
  answering: boolean;
  expired: boolean;
  cut: CutReason | null;
}

const REPLIES: Record<CutReason, string> = {
  idle: '4.4.2 Timeout waiting for a command, closing connection',
  'session-length': '4.4.2 Session too long, closing connection; reconnect to send more',
  'data-time': '4.4.2 Message took too long to transfer, closing connection',
  'data-rate': '4.4.2 Message transfer too slow, closing connection',
};

export class SessionGuards {
  private readonly guarded = new Map<string, Guarded>();

  constructor(
    private readonly server: SMTPServer,
    private readonly limits: GuardLimits,
    private readonly onCut: (session: SMTPServerSession, reason: CutReason, detail: Record<string, number>) => void,
  ) {}

  /** Starts the clocks of an accepted session. */
  start(session: SMTPServerSession): void {
    const conn = this.connectionOf(session.id);
    if (!conn) return;
    const g: Guarded = {
      conn,
      started: Date.now(),
      command: null,
      data: null,
      answering: false,
      expired: false,
      cut: null,
      session: setTimeout(() => {
        g.expired = true;
        if (!g.data && !g.answering && !conn._handlerPending)
          this.cut(session, g, 'session-length', { seconds: Math.round((Date.now() - g.started) / 1000) });
      }, this.limits.maxSessionMs).unref(),
    };
    this.guarded.set(session.id, g);
    // Every complete command line passes here (never DATA content): it restarts the command clock.
    const onCommand = conn._onCommand.bind(conn);
    conn._onCommand = (command, callback) => {
      if (g.cut) return callback?.();
      if (g.expired && !g.data && !g.answering)
        return this.cut(session, g, 'session-length', { seconds: Math.round((Date.now() - g.started) / 1000) });
      this.armCommand(session, g);
      onCommand(command, callback);
    };
    this.armCommand(session, g);
  }

  dataStarted(session: SMTPServerSession): void {
    const g = this.guarded.get(session.id);
    if (!g) return;
    if (g.command) clearTimeout(g.command);
    g.command = null;
    const started = Date.now();
    const timer = setInterval(
      () => {
        const d = g.data;
        if (!d) return;
        const ms = Date.now() - d.started;
        if (ms >= this.limits.maxDataMs) return this.cut(session, g, 'data-time', { seconds: Math.round(ms / 1000), bytes: d.bytes });
        const rate = d.bytes / (ms / 1000);
        if (ms >= this.limits.dataGraceMs && rate < this.limits.minDataBytesPerSecond) {
          this.cut(session, g, 'data-rate', { seconds: Math.round(ms / 1000), bytes: d.bytes, bytesPerSecond: Math.round(rate) });
        }
      },
      Math.min(1000, this.limits.maxDataMs, Math.max(this.limits.dataGraceMs, 100)),
    ).unref();
    g.data = { started, bytes: 0, timer };
  }

  dataBytes(session: SMTPServerSession, n: number): void {
    const d = this.guarded.get(session.id)?.data;
    if (d) d.bytes += n;
  }

  /** The message is in: its clocks stop while inmail decides on it (dataAnswered). */
  dataEnded(session: SMTPServerSession): void {
    const g = this.guarded.get(session.id);
    if (!g?.data) return;
    clearInterval(g.data.timer);
    g.data = null;
    g.answering = true;
  }

  /** The message is answered: the command clock runs again, for the client's next command. */
  dataAnswered(session: SMTPServerSession): void {
    const g = this.guarded.get(session.id);
    if (!g) return;
    g.answering = false;
    if (!g.cut) this.armCommand(session, g);
  }

  /** Why the session was cut, or null. */
  cutReason(session: SMTPServerSession): CutReason | null {
    return this.guarded.get(session.id)?.cut ?? null;
  }

  end(session: SMTPServerSession): void {
    const g = this.guarded.get(session.id);
    if (!g) return;
    if (g.command) clearTimeout(g.command);
    if (g.data) clearInterval(g.data.timer);
    clearTimeout(g.session);
    this.guarded.delete(session.id);
  }

  private armCommand(session: SMTPServerSession, g: Guarded): void {
    if (g.command) clearTimeout(g.command);
    g.command = setTimeout(() => {
      g.command = null;
      // The client waits for us (a handler, the commit of its message): not its delay.
      if (g.data || g.answering || g.conn._handlerPending) return this.armCommand(session, g);
      this.cut(session, g, 'idle', { seconds: Math.round(this.limits.commandMs / 1000) });
    }, this.limits.commandMs).unref();
  }

  private cut(session: SMTPServerSession, g: Guarded, reason: CutReason, detail: Record<string, number>): void {
    if (g.cut || g.conn._closed) return;
    g.cut = reason;
    this.onCut(session, reason, detail);
    // A 421 reply makes smtp-server close the connection; onClose gives the slot back.
    g.conn.send(421, REPLIES[reason], false);
  }

  private connectionOf(id: string): Connection | null {
    for (const c of this.server.connections) if (c.id === id) return c;
    return null;
  }
}
