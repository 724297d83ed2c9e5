// The SendGrid verification key is checked when the config is read: a key pasted
// wrong (not base64 of an EC public key's DER, nor PEM) stops the start naming
// the variable, instead of a daemon that refuses every event later.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const none = () => false;

describe('webhooks.sendgrid.verificationKey', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;

  it('takes the key as SendGrid shows it, or PEM', () => {
    const shown = ec.export({ format: 'der', type: 'spki' }).toString('base64');
    expect(loadConfig({ env: { INMAIL_SENDGRID_VERIFICATION_KEY: shown }, fileExists: none }).webhooks.sendgrid?.verificationKey).toBe(
      shown,
    );
    const pem = ec.export({ format: 'pem', type: 'spki' }).toString();
    expect(loadConfig({ env: { INMAIL_SENDGRID_VERIFICATION_KEY: pem }, fileExists: none }).webhooks.sendgrid).toBeDefined();
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['not-a-key', rsa.export({ format: 'der', type: 'spki' }).toString('base64')])
      expect(() => loadConfig({ env: { INMAIL_SENDGRID_VERIFICATION_KEY: bad }, fileExists: none })).toThrow(
        /INMAIL_SENDGRID_VERIFICATION_KEY[\s\S]*not an EC public key|not an EC public key[\s\S]*INMAIL_SENDGRID_VERIFICATION_KEY/,
      );
  });
});
