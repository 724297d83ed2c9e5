// Email addresses as bounces write them: "rfc822; <a@b>", "a@b (comment)",
// "Name <a@b>", "a@b..." with trailing dots and brackets, "=?utf-8?...".

const ADDR = /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]{2,}|[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@\[[0-9.:a-fA-F]+\]/;
const ADDR_G = new RegExp(ADDR.source, 'g');

/** The first plausible address in a text, cleaned, or "" when none. */
export function findAddress(text: string): string {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(text);
  const m = angle ? ADDR.exec(angle[1] ?? '') : ADDR.exec(text);
  return m ? clean(m[0]) : '';
}

/** Every plausible address in a text, cleaned, de-duplicated, in order. */
export function findAddresses(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ADDR_G)) {
    const a = clean(m[0]);
    if (a && !out.includes(a)) out.push(a);
  }
  return out;
}

/** The address of a DSN recipient field ("rfc822; a@b"), or "" when it holds none. */
export function dsnAddress(value: string): string {
  const semi = value.indexOf(';');
  const v = semi >= 0 && semi < 20 ? value.slice(semi + 1) : value;
  return findAddress(v);
}

function clean(a: string): string {
  let s = a.replace(/^[.'"`]+|[.'"`]+$/g, '');
  if (s.toLowerCase().startsWith('mailto:')) s = s.slice(7);
  // Exchange 5.5's X.400 form of an address: "c=US;a= ;p=Org;dda:SMTP=a@b".
  if (/^smtp=/i.test(s)) s = s.slice(5);
  return s.includes('@') && !s.startsWith('@') ? s : '';
}

/** True for the bounce's own postmaster/daemon addresses, which are never the failed recipient. */
export function isDaemonAddress(a: string): boolean {
  return /^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon|daemon|no-?reply|noreply|root|bounce[sd]?)@/i.test(a);
}
