// What the SMTP listener answers, decided apart from the socket (docs/intake.md):
// per-client connection and message limits, the backlog's backpressure, relay,
// recipient count, size and MIME limits. Each check returns null (go on) or the
// refusal: its reply, how it is counted and what the log line says. smtp.ts
// only calls these and sends what they return, so every rule is testable
// without a socket.
import type { Config } from '../config.js';
import { checkMimeLimits } from './mime-limits.js';

export interface Refusal {
  code: number;
  /** The reply text after the code (enhanced status first). */
  message: string;
  /** How inmail_mails_received_total counts it: refused (5xx) or deferred (4xx). */
  result: 'refused' | 'deferred';
  /** Its `reason` label. */
  reason: string;
  /** The log line, and its level: a refused relay is routine (info), a limit is worth a look (warn). */
  log: string;
  level: 'info' | 'warn';
  /** Extra log fields (the limit that was hit). */
  detail?: Record<string, unknown>;
}

type Limits = Pick<
  Config['smtp'],
  | 'bounceDomains'
  | 'maxConnectionsPerClient'
  | 'maxMessagesPerMinutePerClient'
  | 'maxRecipients'
  | 'maxMessageBytes'
  | 'maxHeaderBytes'
  | 'maxMimeDepth'
  | 'maxMimeParts'
>;

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at >= 0
    ? address
        .slice(at + 1)
        .toLowerCase()
        .replace(/\.$/, '')
    : '';
}

/** A per-client counter over fixed one-minute windows. */
class PerMinute {
  private window = 0;
  private counts = new Map<string, number>();
  hit(key: string, now: number): number {
    const w = Math.floor(now / 60_000);
    if (w !== this.window) {
      this.window = w;
      this.counts.clear();
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n;
  }
}

export class SmtpRules {
  private readonly domains: ReadonlySet<string>;
  private readonly connections = new Map<string, number>();
  private readonly rate = new PerMinute();

  constructor(private readonly limits: Limits) {
    this.domains = new Set(limits.bounceDomains.map((d) => d.toLowerCase()));
  }

  /** A new connection from `remote`; when null is returned it is counted until `disconnected`. */
  connect(remote: string): Refusal | null {
    const n = (this.connections.get(remote) ?? 0) + 1;
    if (n > this.limits.maxConnectionsPerClient)
      return {
        code: 421,
        message: `4.7.0 Too many connections from ${remote}, try again later`,
        result: 'deferred',
        reason: 'connections-per-client',
        log: 'refused: too many connections from client',
        level: 'warn',
        detail: { limit: this.limits.maxConnectionsPerClient },
      };
    this.connections.set(remote, n);
    return null;
  }

  /** Only for a connection `connect` accepted: a refused one never held a slot. */
  disconnected(remote: string): void {
    const n = (this.connections.get(remote) ?? 1) - 1;
    if (n <= 0) this.connections.delete(remote);
    else this.connections.set(remote, n);
  }

  /** MAIL FROM: the backlog's bound first (nothing is taken while it is above), then the client's rate. */
  mailFrom(remote: string, overloaded: boolean, now = Date.now()): Refusal | null {
    if (overloaded)
      return {
        code: 451,
        message: '4.3.2 System busy, try again later',
        result: 'deferred',
        reason: 'backlog',
        log: 'deferred: backlog above its bound',
        level: 'warn',
      };
    if (this.rate.hit(remote, now) > this.limits.maxMessagesPerMinutePerClient)
      return {
        code: 451,
        message: '4.7.1 Too many messages from your address this minute, try again later',
        result: 'deferred',
        reason: 'rate-per-client',
        log: 'deferred: message rate limit of client',
        level: 'warn',
        detail: { limit: this.limits.maxMessagesPerMinutePerClient },
      };
    return null;
  }

  /** RCPT TO: only the bounce domains (never a relay), and at most maxRecipients per message. */
  rcptTo(address: string, alreadyAccepted: number): Refusal | null {
    if (!this.domains.has(domainOf(address)))
      return {
        code: 550,
        message: `5.7.1 <${address}>: relay not permitted, this server only accepts mail for its bounce domains`,
        result: 'refused',
        reason: 'relay',
        log: 'refused: recipient outside the bounce domains',
        level: 'info',
        detail: { rcpt: address },
      };
    if (alreadyAccepted >= this.limits.maxRecipients)
      return {
        code: 452,
        message: `4.5.3 Too many recipients (at most ${this.limits.maxRecipients} per message)`,
        result: 'deferred',
        reason: 'recipients',
        log: 'deferred: too many recipients',
        level: 'info',
        detail: { limit: this.limits.maxRecipients },
      };
    return null;
  }

  /** The message once read: its size (all of it was counted, even what was dropped), then its MIME structure. */
  message(body: Buffer, size: number, sizeExceeded: boolean): Refusal | null {
    if (sizeExceeded || size > this.limits.maxMessageBytes)
      return {
        code: 552,
        message: `5.3.4 Message too big (limit ${this.limits.maxMessageBytes} bytes)`,
        result: 'refused',
        reason: 'size',
        log: 'refused: message too big',
        level: 'warn',
        detail: { size, limit: this.limits.maxMessageBytes },
      };
    const breach = checkMimeLimits(body, {
      maxHeaderBytes: this.limits.maxHeaderBytes,
      maxDepth: this.limits.maxMimeDepth,
      maxParts: this.limits.maxMimeParts,
    });
    if (breach)
      return {
        code: breach.code,
        message: breach.message,
        result: breach.code >= 500 ? 'refused' : 'deferred',
        reason: breach.limit,
        log: `refused: ${breach.message}`,
        level: 'warn',
        detail: { size, limit: breach.limit },
      };
    return null;
  }
}
