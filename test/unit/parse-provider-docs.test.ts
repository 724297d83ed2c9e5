// Each reply large receiving providers document (test/helpers/provider-docs.ts), run through the whole
// parser the way a bounce carries it: as the Diagnostic-Code of a DSN whose Remote-MTA is the
// provider's host, and as Postfix writes it when no Remote-MTA is given ("host X[ip] said: ..."); a
// temporary (4xx) reply also as a delay notice, whose reason must be the cause, not a guessed expiry.
import { describe, expect, it } from 'vitest';
import { PROVIDER_DOCS, parseAs, type Layout } from '../helpers/provider-docs.js';

describe('providers’ documented replies', () => {
  for (const [provider, entries] of PROVIDER_DOCS) {
    describe(provider, () => {
      for (const e of entries) {
        const layouts: Layout[] = e.status.startsWith('4') ? ['remote-mta', 'host-said', 'delayed'] : ['remote-mta', 'host-said'];
        for (const how of layouts) {
          it(`${how}: ${e.reply.slice(0, 90)} -> ${e.reason}`, () => {
            const got = parseAs(e, how);
            expect(got.kind).toBe('bounce');
            expect(got.recipients[0]).toMatchObject({ address: `someone@${e.domain}`, reason: e.reason });
          });
        }
      }
    });
  }
});
