// Cisco IronPort (AsyncOS) bounces, whose layout Amazon SES's text bounces
// share: "The following message to <a@b> was undeliverable.", "The reason
// for the problem:", then its own status and label ("5.1.0 - Unknown address
// error") followed by the remote's answer in quotes ("550-'5.1.1 <a@b>: ...'").
import type { Family, FamilyRecipient } from './family.js';
import { gated } from '../view.js';
import { findAddress } from '../address.js';
import { findReplyCode, findStatus, remoteStatus } from '../codes.js';
import { findCommand } from '../text.js';
import { joined, noticeLines } from './layout.js';

const UNDELIVERABLE = gated(/^the following message to <[^>]+> was undeliverable\.\s*$/im);

const HEAD = /^the following message to <([^>]+)> was undeliverable\.\s*$/i;
const REASON = /^the reason for the problem:\s*$/i;

export const ironport: Family = {
  name: 'ironport',
  detect: (v) => UNDELIVERABLE.test(v) && /^the reason for the problem:\s*$/im.test(v.text),
  read(v): FamilyRecipient[] {
    const lines = noticeLines(v.text);
    const out: FamilyRecipient[] = [];
    for (let i = 0; i < lines.length; i++) {
      const head = HEAD.exec((lines[i] ?? '').trim());
      if (!head) continue;
      const at = lines.findIndex((l, j) => j > i && REASON.test(l.trim()));
      if (at < 0) continue;
      const said: string[] = [];
      for (const l of lines.slice(at + 1)) {
        if (!l.trim() || HEAD.test(l.trim())) break;
        said.push(l.trim());
      }
      const whole = joined(said);
      // Its own "5.1.0 - label", then the remote's answer: the remote's status is the precise one.
      const own = /^([245]\.\d{1,3}\.\d{1,3}) - /.exec(whole)?.[1] ?? '';
      const quoted = /[245]\d\d[ -]'(.*)'?$/.exec(whole)?.[0] ?? '';
      // The label is AsyncOS's name for the status class ("5.7.1 - Delivery not authorized, message refused" for
      // any 5.7.1): when the remote's own words follow, they are the cause ("... 550-'Relaying denied'").
      const diagnostic = own && /[a-z]{3}/i.test(quoted) ? `${own} ${quoted}` : whole;
      const status = remoteStatus(whole) || findStatus(quoted, false) || own;
      const r: FamilyRecipient = {
        address: findAddress(head[1] ?? ''),
        diagnostic,
        status,
        replyCode: findReplyCode(quoted),
        command: findCommand(diagnostic),
        action: status.startsWith('4') ? 'delayed' : 'failed',
      };
      // "5.4.7 - Delivery expired (message too old)": it gave up retrying.
      out.push(/^[245]\.4\.7 - delivery expired/i.test(whole) ? { ...r, hint: 'expired' } : r);
    }
    return out.filter((r) => r.address);
  },
};
