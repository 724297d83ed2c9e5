// The fallback reader for any NDR in plain text: recipient lines, then the
// X-Failed-Recipients header, then the returned message's To.
import type { Family, FamilyRecipient } from './family.js';
import { addressesIn, cutAtOriginal, generalDiagnostic, scanText, withCodes } from '../text.js';
import { findAddresses } from '../address.js';
import { returnedHeaders } from '../original.js';

export const generic: Family = {
  name: 'generic',
  detect: () => true,
  read(v): FamilyRecipient[] {
    const failed = v.msg.headers.all('x-failed-recipients').flatMap((h) => findAddresses(h));
    const scanned = scanText(v.text, { exclude: v.exclude });
    if (failed.length) {
      // Exim and friends name the recipients in a header: trust it over the text's guesses.
      return failed.map((a) => scanned.find((s) => s.address.toLowerCase() === a.toLowerCase()) ?? withCodes(a, diagnosticOf(v.text)));
    }
    if (scanned.length) return scanned;
    const inText = addressesIn(v.text, v.exclude);
    const to = findAddresses(returnedHeaders(v.msg)?.raw('to') ?? '');
    const address = inText[0] ?? to[0];
    return address ? [withCodes(address, diagnosticOf(v.text))] : [];
  },
};

function diagnosticOf(text: string): string {
  const lines = cutAtOriginal(text).split(/\r?\n/);
  return (
    generalDiagnostic(lines) ||
    lines
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(0, 12)
      .join(' ')
  );
}
