// Postfix's delivery log lines (smtp, lmtp, local, virtual...): one per attempt,
//   MMM DD HH:MM:SS host postfix/smtp[pid]: QUEUEID: to=<rcpt>, relay=host[ip]:port,
//   delay=..., dsn=X.Y.Z, status=sent|deferred|bounced (text)
// The text is the remote's reply as Postfix quotes it ("host mx[ip] said: 550
// 5.1.1 ... (in reply to RCPT TO command)") or Postfix's own ("connect to ...:
// Connection refused"). Syslog's timestamp has no year: the one that puts it
// closest to, and not after, the reader's clock is chosen.
import type { DeliveryAttempt, DeliveryOutcome } from '../../domain/delivery.js';

const OUTCOME: Record<string, DeliveryOutcome> = { sent: 'delivered', deferred: 'deferred', bounced: 'failed' };
const LINE =
  /^(\S+(?:\s+\d+\s+\d\d:\d\d:\d\d)?)\s+\S+\s+postfix[\w/.-]*\[\d+\]:\s+([0-9A-Za-z]+):\s+to=<([^>]*)>,(.*?)\bstatus=(sent|deferred|bounced)\s*(?:\((.*)\))?\s*$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function field(rest: string, name: string): string {
  const m = new RegExp(`(?:^|[\\s,])${name}=([^,]*)`).exec(rest);
  return m?.[1]?.trim() ?? '';
}

/** An RFC 3339 stamp (maillog_file, rsyslog's high-precision format) or syslog's "Dec  6 19:30:01". */
export function syslogDate(stamp: string, now: Date): string | undefined {
  if (/^\d{4}-\d\d-\d\dT/.test(stamp)) {
    const d = new Date(stamp);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  const m = /^([A-Za-z]{3})\s+(\d+)\s+(\d\d):(\d\d):(\d\d)$/.exec(stamp);
  const month = MONTHS.indexOf((m?.[1] ?? '').toLowerCase());
  if (!m || month < 0) return undefined;
  const at = (year: number) => new Date(Date.UTC(year, month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])));
  let d = at(now.getUTCFullYear());
  if (d.getTime() > now.getTime() + 86_400_000) d = at(now.getUTCFullYear() - 1);
  return d.toISOString();
}

/** One log line as an attempt; null for every other line (qmgr, cleanup, smtpd, status=expired...). */
export function readPostfixLine(line: string, now = new Date()): DeliveryAttempt | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const [, stamp = '', queueId = '', recipient = '', rest = '', status = '', paren = ''] = m;
  if (!recipient.includes('@')) return null;
  const a: DeliveryAttempt = { recipient, outcome: OUTCOME[status] ?? 'failed', deliveryId: queueId };
  const at = syslogDate(stamp.replace(/\s+/g, ' '), now);
  if (at) a.at = at;
  const relay = /^([^[\s,]+)(?:\[([^\]]*)\])?/.exec(field(rest, 'relay'));
  if (relay?.[1] && relay[1] !== 'none') a.mxHost = relay[1];
  if (relay?.[2]) a.mxIp = relay[2];
  const dsn = field(rest, 'dsn');
  if (/^[245]\.\d{1,3}\.\d{1,3}$/.test(dsn)) a.enhanced = dsn;
  let text = paren.trim();
  const said = /^host\s+\S+\s+said:\s+(.*)$/is.exec(text);
  if (said?.[1]) text = said[1];
  const reply = /\s*\(in reply to ([A-Za-z -]+?) command\)\s*$/i.exec(text);
  if (reply?.[1]) {
    a.command = reply[1].toUpperCase().startsWith('END OF DATA') ? 'DATA' : (reply[1].split(/\s/)[0] ?? '').toUpperCase();
    text = text.slice(0, reply.index);
  }
  const code = /^([2-5]\d\d)[\s-]/.exec(text);
  if (code?.[1]) a.code = code[1];
  if (text) a.text = text;
  return a;
}
