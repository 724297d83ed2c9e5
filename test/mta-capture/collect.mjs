// Copy captured bounces from a Maildir into fixtures/bounces/real-<mta>/<case>.eml,
// naming each by the test message it returns (<CASE.TAG@lab.test>); delay warnings
// get a "-warning" suffix. Bytes are kept as the MTA wrote them.
// Usage: node collect.mjs MAILDIR MTA TAG
import { writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { maildirMessages } from './maildir.mjs';

const [maildir, mta, tag] = process.argv.slice(2);
const out = join(import.meta.dirname, '..', '..', 'fixtures', 'bounces', `real-${mta}`);
mkdirSync(out, { recursive: true });
const re = new RegExp(`<([a-z0-9-]+)\\.${tag}@lab\\.test>`);
for (const { file: f, raw, text: s } of maildirMessages(maildir)) {
  const m = re.exec(s);
  if (!m) {
    console.error(`? ${f}: no test Message-ID`);
    continue;
  }
  const subject = /^subject:(.*)$/im.exec(s)?.[1]?.trim() ?? '';
  // OpenSMTPD titles its final "Envelope expired" notice "delayed": the text says it is final.
  const expired = /^[^\s@]+@[^\s:]+: Envelope expired$/m.test(s);
  const warning = /delay|warning|retried|temporar/i.test(subject) && !/fail|undeliver|returned/i.test(subject) && !expired;
  // Courier titles every notice "NOTICE: mail delivery status.": its DSN part's actions tell.
  const actions = [...s.matchAll(/^action:\s*(\S+)/gim)].map((a) => a[1].toLowerCase());
  // (OpenSMTPD's final "Envelope expired" notice also says "Action: delayed": its text says it is final.)
  const delayed = !expired && actions.length > 0 && actions.every((a) => a === 'delayed');
  const name = m[1] + (warning || delayed ? '-warning' : '');
  if (existsSync(join(out, `${name}.eml`))) {
    console.error(`= ${name} exists, kept the first`);
    continue;
  }
  writeFileSync(join(out, `${name}.eml`), raw);
  console.log(`${name}  (${subject})`);
}
