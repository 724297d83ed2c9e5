// Copy the auto-replies of the lab's vacation users (vacation/setup.sh: vacen, vacbsd, vacfr, vacde)
// from a Maildir into fixtures/not-bounces/<PREFIX>-<case>.eml (case: the user without "vac"), with
// <PREFIX>-<case>.expected.json: kind auto-reply, the replying address (its From) as the recipient.
// Bytes are kept as written. Usage: node collect-replies.mjs MAILDIR PREFIX   (e.g. real-vacation)
import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { maildirMessages } from './maildir.mjs';

const [maildir, prefix] = process.argv.slice(2);
const out = join(import.meta.dirname, '..', '..', 'fixtures', 'not-bounces');
for (const { raw, text: s } of maildirMessages(maildir)) {
  const head = s.slice(0, s.search(/\r?\n\r?\n/));
  const from = /^from:[^\n]*?<?(vac([a-z]+)@[a-z.]+)>?\s*$/im.exec(head);
  if (!from) continue; // a copy of the test message itself, or a bounce
  const name = `${prefix}-${from[2]}`;
  if (existsSync(join(out, `${name}.eml`))) {
    console.error(`= ${name} exists, kept the first`);
    continue;
  }
  writeFileSync(join(out, `${name}.eml`), raw);
  const want = { kind: 'auto-reply', recipients: [{ address: from[1], reason: 'vacation', type: 'ignored' }] };
  writeFileSync(join(out, `${name}.expected.json`), JSON.stringify(want, null, 2) + '\n');
  console.log(`${name}  (${/^subject:(.*)$/im.exec(head)?.[1]?.trim() ?? ''})`);
}
