// Copy the sieve lab's captured mails (Maildir written by ../haraka/capture.mjs as Dovecot's
// submission_host) into the fixtures, named by the test message they answer
// (<CASE.sieve@lab.test>), and write each <case>.expected.json from what the script was
// made to do, not from what the parser says:
//   vacation replies → fixtures/not-bounces/real-sieve-<case>.eml   kind auto-reply
//   reject notices   → fixtures/bounces/real-sieve/<case>.eml        kind bounce, reason filtered
// Usage: node collect.mjs [MAILDIR]   (default /tmp/sieve-lab/captured)
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const md = process.argv[2] ?? '/tmp/sieve-lab/captured';
const fx = join(import.meta.dirname, '..', '..', '..', 'fixtures');
mkdirSync(join(fx, 'bounces', 'real-sieve'), { recursive: true });
// the address each vacation reply comes From (vac-from's script sets :from)
const REPLIER = { 'vac-from': 'sales@dest.test' };
for (const f of readdirSync(join(md, 'new')).sort()) {
  const raw = readFileSync(join(md, 'new', f));
  const s = raw.toString('latin1');
  const kase = /<([a-z0-9-]+)\.sieve@lab\.test>/.exec(s)?.[1];
  if (!kase) {
    console.error(`? ${f}`);
    continue;
  }
  const json = (o) => JSON.stringify(o, null, 2) + '\n';
  if (kase.startsWith('vac-')) {
    const base = join(fx, 'not-bounces', `real-sieve-${kase}`);
    writeFileSync(`${base}.eml`, raw);
    writeFileSync(
      `${base}.expected.json`,
      json({ kind: 'auto-reply', recipients: [{ address: REPLIER[kase] ?? `${kase}@dest.test`, reason: 'vacation', type: 'ignored' }] }),
    );
  } else if (kase.startsWith('reject-')) {
    const base = join(fx, 'bounces', 'real-sieve', kase);
    writeFileSync(`${base}.eml`, raw);
    // The recipient's own Sieve filter refused the message (RFC 5429 reject; Dovecot sends
    // an MDN "automatic-action/MDN-sent-automatically; deleted" with no status code):
    // Sisimai's "filtered" (refused by the recipient's filter/settings), not "rejected"
    // (which is for the sender's envelope address being refused).
    writeFileSync(
      `${base}.expected.json`,
      json({
        kind: 'bounce',
        original: { messageId: `<${kase}.sieve@lab.test>` },
        recipients: [{ address: `${kase}@dest.test`, action: 'failed', reason: 'filtered', type: 'soft' }],
      }),
    );
  } else {
    console.error(`? ${kase}`);
    continue;
  }
  console.log(kase);
}
