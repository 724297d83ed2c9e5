// Split dma's mbox of bounces into fixtures/bounces/real-dma/<case>.eml, named by the test
// message each returns (<CASE.dma@lab.test> in the headers dma copies under its notice).
// Usage: node collect.mjs /var/mail/dmalab
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'bounces', 'real-dma');
mkdirSync(out, { recursive: true });
const mbox = readFileSync(process.argv[2] ?? '/var/mail/dmalab', 'latin1');
for (const m of mbox.split(/^From MAILER-DAEMON .*\n/m).filter((s) => s.trim())) {
  const id = /<([a-z0-9-]+)\.dma@lab\.test>/.exec(m);
  if (!id) {
    console.error('? a bounce without a test Message-ID');
    continue;
  }
  writeFileSync(join(out, `${id[1]}.eml`), m.replace(/^>From /gm, 'From '), 'latin1');
  console.log(id[1]);
}
