// NetEase mail (163.com, 126.com, yeah.net, 188.com; MX *.mxmail.netease.com) and the Coremail
// servers built on it: refusals carry a two-part code ("HL:REP", "MI:SFQ", "DT:SPM", "RP:TRC")
// and link mail.163.com/help/help_spam_16.htm, NetEase's page of bounce codes for senders, which
// says what each means. The link's "spam" names the page, not the cause: the code decides.
import type { Reason } from '../../domain/reasons.js';
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

const CODE = /\b(hl|mi|rp|dt|wm):([a-z]{3})\b/;

const CODES: Record<string, Reason> = {
  'hl:rep': 'blocked', // the IP sends to many addresses that do not exist: connections refused for a while
  'hl:mep': 'blocked', // the IP forges many sender domains
  'hl:ihu': 'blocked', // the IP suspended for breaking the terms of service
  'hl:ipb': 'blocked', // the IP is not on the list allowed to send
  'hl:icc': 'toomanyconn', // too many concurrent connections from the IP
  'hl:ifc': 'speeding', // too many messages from the IP in a short time
  'hl:ifq': 'speeding',
  'mi:cel': 'syntaxerror', // too many wrong commands
  'mi:ccl': 'syntaxerror', // more commands than normal
  'rp:cel': 'syntaxerror',
  'rp:ccl': 'syntaxerror',
  'mi:dmc': 'toomanyconn', // too many messages in one connection
  'rp:drc': 'toomanyconn', // too many recipients in one connection: the connection's limit
  'rp:rcl': 'exceedlimit', // too many recipients of one message: the message's limit (RFC 3463 X.5.3)
  'mi:sfq': 'speeding', // the sender sent too many messages in 15 minutes
  'mi:stc': 'speeding', // the sender's messages today over the limit
  'rp:qrc': 'speeding', // the sender's recipients in a short time over the limit
  'rp:trc': 'speeding', // the sender's recipients today over the limit
  'dt:rbl': 'blocked', // the sending IP is on a DNS blocklist
  'wm:bli': 'blocked', // the IP is not on the list allowed to send
  'wm:blu': 'rejected', // the sender is not on the list allowed to send
  'dt:spm': 'spamdetected', // the content looks like spam
  'dt:sum': 'policyviolation', // envelope and header senders differ
  'mi:spf': 'authfailure',
  'mi:dma': 'authfailure', // DMARC
  'mi:nhd': 'blocked', // the HELO name is not valid
  'mi:imf': 'rejected', // the sender's address is malformed
  'rp:frl': 'norelaying', // NetEase relays for nobody
};

const RULES: readonly Rule[] = [
  { text: /user not found|invalid user|mailbox not found/, reason: 'userunknown' },
  { text: 'user suspended', reason: 'suspend' },
  { text: 'exceeded mailsize limit', reason: 'mesgtoobig' },
  { text: 'illegal attachment', reason: 'policyviolation' },
];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['netease.com', '163.com', '126.com', 'yeah.net', '188.com'];

export const netease: Provider = {
  name: 'netease',
  is: (a) =>
    under(a.host, HOSTS) ||
    a.text.includes('mail.163.com/help') ||
    (a.host === '' && ['163.com', '126.com', 'yeah.net', '188.com'].includes(a.domain)),
  reason(a) {
    const m = CODE.exec(a.text);
    return (m ? CODES[`${m[1]}:${m[2]}`] : undefined) ?? firstRule(RULES, a);
  },
};
