// The messages of a Maildir (new/ then cur/, by name), as the MTA wrote them: a local mailer's mbox
// envelope line ("From MAILER-DAEMON Wed Dec  2 ...", Sendmail's prog mailer writes one) is dropped,
// since a message received over SMTP has none.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export function* maildirMessages(maildir) {
  for (const dir of ['new', 'cur']) {
    const d = join(maildir, dir);
    if (!existsSync(d)) continue;
    for (const file of readdirSync(d).sort()) {
      let raw = readFileSync(join(d, file));
      if (raw.subarray(0, 5).toString('latin1') === 'From ') raw = raw.subarray(raw.indexOf(10) + 1);
      yield { file, raw, text: raw.toString('latin1') };
    }
  }
}
