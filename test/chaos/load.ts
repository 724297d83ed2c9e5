// The chaos suite's senders, as real peers behave: an SMTP client that retries
// each mail until it gets a 250 (the same bytes each time, as an MTA's queue
// does), trying the next listener when one does not answer; and a delivery
// agent that APPENDs mails to the IMAP mailbox, retrying until the server says
// OK. The ledger records which mails were acknowledged, and when.
import { ImapFlow } from 'imapflow';
import { buildDsn } from '../helpers/dsn.js';
import { DOVECOT_PASSWORD } from '../helpers/dovecot.js';
import { sendRaw } from '../helpers/smtp-client.js';

export const DOMAIN = 'bounces.chaos';

export interface ChaosMail {
  /** The failed recipient the bounce names: one per mail, so its events are counted by address. */
  address: string;
  raw: string;
}

export function makeMails(tag: string, from: number, n: number): ChaosMail[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const address = `${tag}-${i}@example.com`;
    const raw = buildDsn({
      recipients: [{ address, status: '5.1.1', diagnostic: '550 5.1.1 <' + address + '>: Recipient address rejected: User unknown' }],
      messageId: `<chaos-${tag}-${i}@mx.sender.example>`,
    });
    return { address, raw };
  });
}

export class Ledger {
  /** Address → time of acknowledgement (ms). */
  readonly acked = new Map<string, number>();
  /** Tries that got no 250 / OK (refused, deferred, no answer). */
  retries = 0;
  ack(address: string): void {
    if (!this.acked.has(address)) this.acked.set(address, Date.now());
  }
  ackedBefore(t: number): string[] {
    return [...this.acked].filter(([, at]) => at <= t).map(([a]) => a);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends every mail over `clients` parallel connections, each mail retried until a
 * 250 or until `giveUpAt`; the first port is preferred, the others are fallbacks
 * (MX records of equal preference: each client starts on a different one).
 */
export interface SmtpTarget {
  host: string;
  port: number;
}

export async function sendSmtp(
  targets: readonly SmtpTarget[],
  mails: readonly ChaosMail[],
  ledger: Ledger,
  opts: { clients: number; giveUpAt: number },
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: opts.clients }, async (_, client) => {
      let at = client % targets.length;
      for (;;) {
        const mail = mails[next++];
        if (!mail) return;
        for (;;) {
          const t = targets[at] ?? { host: '127.0.0.1', port: 0 };
          const r = await sendRaw(t.port, [`b@${DOMAIN}`], mail.raw, '', t.host);
          if (r.code === 250) {
            ledger.ack(mail.address);
            break;
          }
          ledger.retries++;
          if (Date.now() > opts.giveUpAt) break;
          at = (at + 1) % targets.length;
          await sleep(r.code >= 400 ? 200 : 100);
        }
      }
    }),
  );
}

/** Delivers the mails into `user`'s INBOX by IMAP APPEND, reconnecting after a failure. */
export async function appendImap(
  port: number,
  user: string,
  mails: readonly ChaosMail[],
  ledger: Ledger,
  opts: { giveUpAt: number; paceMs?: number },
): Promise<void> {
  let client: ImapFlow | null = null;
  for (const mail of mails) {
    // Spread over the run, so that a fault meets mails arriving in the mailbox, not an empty one.
    if (opts.paceMs) await sleep(opts.paceMs);
    for (;;) {
      try {
        if (!client) {
          const c = new ImapFlow({
            host: '127.0.0.1',
            port,
            secure: false,
            doSTARTTLS: false,
            logger: false,
            auth: { user, pass: DOVECOT_PASSWORD },
          });
          c.on('error', () => undefined);
          await c.connect();
          client = c;
        }
        await client.append('INBOX', mail.raw);
        ledger.ack(mail.address);
        break;
      } catch {
        ledger.retries++;
        client?.close();
        client = null;
        if (Date.now() > opts.giveUpAt) break;
        await sleep(200);
      }
    }
  }
  await client?.logout().catch(() => undefined);
}
