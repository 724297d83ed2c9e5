// Amazon WorkMail's notices, sent through SES (X-SES-Outgoing, X-Original-Mailer:
// Amazon WorkMail): "An error occurred while trying to deliver the mail to the
// following recipients:", then after "Technical report:" RFC 3464's fields in
// the text itself (Reporting-MTA, Action, Final-Recipient, Diagnostic-Code,
// Status), the same again as HTML. WorkMail's Status is often its own
// "other" code (5.0.0) or its own verdict (4.4.7 once it gave up) while the
// Diagnostic-Code quotes the remote's answer: a code in quotes ("Message
// rejected: '5.2.2 ...'"), or the last reply in angle brackets ("Message
// expired ... <421 4.4.2 Connection timed out>"). That answer is the remote's
// status and reply code (codes.ts `quotedAnswer`, which bounce.ts applies to
// any report's diagnostic).
import type { Family, FamilyRecipient } from './family.js';
import { findAddress } from '../address.js';
import { findReplyCode, findStatus, quotedAnswer } from '../codes.js';
import { parseDeliveryStatus } from '../dsn.js';
import { findCommand } from '../text.js';

const REPORT = /^technical report:\s*$/im;

export function isWorkMail(mailer: string, sesOutgoing: boolean): boolean {
  return sesOutgoing && /^\s*amazon workmail\s*$/i.test(mailer);
}

export const amazonWorkMail: Family = {
  name: 'amazonworkmail',
  detect: (v) =>
    isWorkMail(v.msg.headers.get('x-original-mailer') ?? v.msg.headers.get('x-mailer') ?? '', v.msg.headers.has('x-ses-outgoing')),
  read(v): FamilyRecipient[] {
    const m = REPORT.exec(v.text);
    if (!m) return [];
    // The HTML copy (when the text holds both) is not read twice.
    const after = v.text.slice(m.index + m[0].length);
    const report = after.slice(0, /^<!doctype html>/im.exec(after)?.index ?? after.length);
    return parseDeliveryStatus(report)
      .recipients.map((r): FamilyRecipient => {
        const diagnostic = r.diagnostic;
        const quoted = quotedAnswer(diagnostic);
        const status = quoted?.status || r.status || findStatus(diagnostic, false);
        const replyCode = quoted?.replyCode || r.replyCode || findReplyCode(diagnostic);
        return {
          address: findAddress(r.address),
          diagnostic,
          status,
          replyCode,
          command: findCommand(diagnostic),
          action: r.action === 'delayed' ? 'delayed' : 'failed',
        };
      })
      .filter((r) => r.address);
  },
};
