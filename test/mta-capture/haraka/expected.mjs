// Write fixtures/bounces/real-haraka/<case>.expected.json from what the scripted remotes
// (../remote.mjs, remote2.mjs) and the lab's DNS were made to answer for each address,
// not from what the parser says. Recipients in the order of the bounce's Final-Recipient
// lines. Usage: node expected.mjs [--force]
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'bounces', 'real-haraka');
const V = (reason, type, extra = {}) => ({ action: 'failed', ...extra, reason, type });
// Haraka states "Status: 5.x.y" after giving up on a 4xx (it turns the 4 into a 5): the
// remote's own code is left unchecked there (status omitted), only its reply code is.
const BY_ADDRESS = {
  'unknown-enh@remote.test': V('userunknown', 'hard', { status: '5.1.1', replyCode: '550' }),
  'unknown-plain@remote.test': V('userunknown', 'hard', { replyCode: '550' }),
  'unknown-gmail@remote.test': V('userunknown', 'hard', { status: '5.1.1', replyCode: '550' }),
  'full-552@remote.test': V('mailboxfull', 'soft', { status: '5.2.2', replyCode: '552' }),
  'full-452@remote.test': V('mailboxfull', 'soft', { replyCode: '452' }),
  'disabled@remote.test': V('suspend', 'hard', { status: '5.2.1', replyCode: '550' }),
  'spamhaus@remote.test': V('blocked', 'ignored', { status: '5.7.1', replyCode: '554' }),
  'spamhaus-ml@remote2.test': V('blocked', 'ignored', { status: '5.7.1', replyCode: '554' }),
  'noptr@remote.test': V('requireptr', 'ignored', { status: '5.7.25', replyCode: '550' }),
  'spf@remote.test': V('authfailure', 'ignored', { status: '5.7.23', replyCode: '550' }),
  // multi-line DATA reply: Haraka writes no Status line, the code is in Diagnostic-Code only
  'dmarc@remote.test': V('authfailure', 'ignored', { status: '5.7.26', replyCode: '550' }),
  'dmarc-rcpt@remote2.test': V('authfailure', 'ignored', { status: '5.7.1', replyCode: '550' }),
  'rate-421@remote.test': V('speeding', 'ignored', { replyCode: '421' }),
  'rate-450@remote.test': V('speeding', 'ignored', { replyCode: '450' }),
  // greylisting that never let the mail through until the queue gave up: the address is fine
  'grey@remote.test': V('expired', 'soft', { replyCode: '450' }),
  'grey-471@remote2.test': V('expired', 'soft', { replyCode: '450' }),
  'relay@remote.test': V('norelaying', 'ignored', { status: '5.7.1', replyCode: '554' }),
  'spam@remote.test': V('spamdetected', 'soft', { status: '5.7.1', replyCode: '550' }),
  'virus@remote.test': V('virusdetected', 'soft', { status: '5.7.0', replyCode: '554' }),
  'toobig@remote.test': V('mesgtoobig', 'ignored', { status: '5.3.4', replyCode: '552' }),
  'fr-unknown@remote.test': V('userunknown', 'hard', { status: '5.1.1', replyCode: '550' }),
  'de-full@remote.test': V('mailboxfull', 'soft', { status: '5.2.2', replyCode: '552' }),
  'es-unknown@remote.test': V('userunknown', 'hard', { status: '5.1.1', replyCode: '550' }),
  // Haraka's own verdicts: "5.1.2 (550 Nowhere to deliver mail to for domain: ...)", "5.1.10 (556 ... NULL MX)"
  'someone@nxdomain.test': V('hostunknown', 'soft', { status: '5.1.2' }),
  'someone@nullmx.test': V('notaccept', 'hard', { status: '5.1.10' }),
  // nothing answered until the retries ran out; Haraka then writes "5.1.2 (550 Tried all MXs ...)"
  'someone@refused.test': V('expired', 'soft'),
  'someone@silent.test': V('expired', 'soft'),
  // 421 4.3.2 greeting on every attempt
  'someone@greet.test': V('toomanyconn', 'soft', { replyCode: '421' }),
};
// multi-mixed: the remote refused unknown-enh (550 5.1.1) and full-452 (452 4.2.2) at RCPT and
// spam@ at DATA (550 5.7.1 spam), but Haraka's bounce gives all three the DATA reply, so that is
// all a reader of the bounce can know.
const BY_CASE = {
  'multi-mixed': { '*': V('spamdetected', 'soft', { status: '5.7.1', replyCode: '550' }) },
};

for (const f of readdirSync(dir)
  .filter((n) => n.endsWith('.eml'))
  .sort()) {
  const name = f.slice(0, -4);
  const out = join(dir, `${name}.expected.json`);
  if (existsSync(out) && process.argv[2] !== '--force') continue;
  const raw = readFileSync(join(dir, f), 'latin1');
  const kase = name.replace(/(-bare)?(-\d)?$/, '');
  const tag = /-bare(-\d)?$/.test(name) && !/Message-ID: <[^>]*\.haraka@/i.test(raw) ? 'harakabare' : 'haraka';
  const addrs = [...raw.matchAll(/^Final-Recipient:\s*rfc822;\s*<?([^\s>]+)/gim)].map((m) => m[1].toLowerCase());
  const recipients = addrs.map((a) => {
    const v = BY_CASE[kase]?.['*'] ?? BY_ADDRESS[a];
    if (!v) throw new Error(`${name}: no verdict for ${a}`);
    return { address: a, ...v };
  });
  const want = { kind: 'bounce', original: { messageId: `<${kase}.${tag}@lab.test>` }, recipients };
  writeFileSync(out, JSON.stringify(want, null, 2) + '\n');
  console.log(name, addrs.join(','));
}
