// Providers' own NDR layouts (src/parse/families/), table-driven: the cases
// are synthetic notices in test/helpers/provider-ndr-cases.ts.
import { describe, expect, it } from 'vitest';
import { parseMailSync } from '../../src/parse/index.js';
import { ndr } from '../helpers/provider-ndr.js';
import { CASES, GMAIL_CASES, MORE_CASES, SENDGRID_CONNECT, UI_CASES, O365_NEW, AU_CASES, GSUITE_CASES } from '../helpers/provider-ndr-cases.js';

describe('provider NDR layouts', () => {
  for (const c of [...CASES, ...GMAIL_CASES, ...MORE_CASES, SENDGRID_CONNECT, ...UI_CASES, O365_NEW, ...AU_CASES, ...GSUITE_CASES]) {
    it(c.name, () => {
      const got = parseMailSync(ndr(c.mail));
      expect(got.kind).toBe('bounce');
      expect(got.recipients.map((r) => r.address)).toEqual(c.want.map((w) => w.address));
      c.want.forEach((w, i) => expect(got.recipients[i]).toMatchObject(w));
    });
  }
});
