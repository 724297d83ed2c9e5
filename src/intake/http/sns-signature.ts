// Amazon SNS message signatures (docs/intake.md, "Amazon SES"): SNS signs a
// canonical string of some of the message's fields, each as "Name\nValue\n" in a
// fixed order that depends on the message type, with the private key of the
// certificate named by SigningCertURL: SHA1withRSA for SignatureVersion 1,
// SHA256withRSA for 2. Pure: which certificate to trust is sns-certs.ts's.
import { createVerify, type X509Certificate } from 'node:crypto';

export type SnsType = 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';

/** The fields each type signs, in SNS's documented order; Subject only when the message has one. */
const SIGNED: Record<SnsType, readonly string[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

const ALGORITHM: Record<string, string> = { '1': 'RSA-SHA1', '2': 'RSA-SHA256' };

export function isSnsType(t: unknown): t is SnsType {
  return t === 'Notification' || t === 'SubscriptionConfirmation' || t === 'UnsubscribeConfirmation';
}

/** The string SNS signs for a message of this type; a field SNS signs but the message lacks is left out, as SNS leaves out an absent Subject. */
export function canonicalString(type: SnsType, message: Readonly<Record<string, unknown>>): string {
  let out = '';
  for (const name of SIGNED[type]) {
    const v = message[name];
    if (typeof v !== 'string') continue;
    out += `${name}\n${v}\n`;
  }
  return out;
}

export const supportedVersion = (v: unknown): v is '1' | '2' => v === '1' || v === '2';

/** Whether `signature` (base64) is the certificate's key's signature of the message's canonical string. */
export function verifySns(
  type: SnsType,
  message: Readonly<Record<string, unknown>>,
  version: '1' | '2',
  signature: string,
  cert: X509Certificate,
): boolean {
  const algorithm = ALGORITHM[version];
  if (!algorithm) return false;
  try {
    return createVerify(algorithm).update(canonicalString(type, message), 'utf8').verify(cert.publicKey, signature, 'base64');
  } catch {
    // A malformed key or signature is a signature that does not verify.
    return false;
  }
}
