// Mimecast gateways answer with fixed wordings (documented in their "SMTP
// error codes" article), most followed by a community.mimecast.com link.
import type { Reason } from '../../domain/reasons.js';
import { under, type Provider } from './provider.js';

const PHRASES: ReadonlyArray<readonly [string, Reason]> = [
  ['spf sender invalid', 'authfailure'],
  ['dkim sender invalid', 'authfailure'],
  ['dmarc sender invalid', 'authfailure'],
  ['local ct ip reputation', 'badreputation'],
  ['internal resources are temporarily unavailable', 'badreputation'],
  ['ip temporarily blacklisted', 'blocked'],
  ['sender address blocked', 'blocked'],
  ['this route requires', 'securityerror'],
  ['configuration is invalid for this certificate', 'securityerror'],
  ['incorrect authentication data', 'securityerror'],
  ['submitter failed to authenticate', 'securityerror'],
  ['maximum email size exceeded', 'mesgtoobig'],
  ['incorrect hostname used for inbound', 'networkerror'],
  ['mail loop detected', 'networkerror'],
  ['open relay not allowed', 'norelaying'],
  ['open relay is not allowed', 'norelaying'],
  ['account inbounds disabled', 'notaccept'],
  // The sending customer's own account: outbound mail disabled, an omni-directional hostname, journaling
  // past the expiry threshold. Held by Mimecast's configuration, nothing about the recipient.
  ['account outbounds disabled', 'onhold'],
  ['hostname is not authorized', 'onhold'],
  ['journal message past expiration', 'onhold'],
  ['anti-spoofing policy', 'policyviolation'],
  ['content examination policy', 'policyviolation'],
  // Geographical restriction policy: the sender's country, not the address.
  ['host network not allowed', 'policyviolation'],
  ['host network, not allowed', 'policyviolation'],
  ['administrative prohibition envelope blocked', 'rejected'],
  ['envelope blocked - user', 'rejected'],
  ['envelope blocked \u2013 user', 'rejected'], // Mimecast writes an en dash: "Envelope blocked – User Entry"
  ['envelope rejected - block policy', 'rejected'],
  ['manually blocked senders', 'rejected'],
  ['block policy for', 'rejected'],
  ['unable to process connection at this time', 'systemerror'],
  ['message ended early', 'systemerror'],
  ['unable to process command', 'systemerror'],
  ['unable to process an email at this time', 'systemerror'],
  ['account service is temporarily unavailable', 'toomanyconn'],
  ['exceeding outbound thread limit', 'toomanyconn'],
  ['invalid recipient', 'userunknown'],
  ['user unknown', 'userunknown'], // 503: the recipient validation found no such user
  ['recipient temporarily unavailable', 'blocked'],
  ['message contains virus', 'virusdetected'],
  ['virus signature detected', 'virusdetected'],
  ['email rejected due to security policies', 'virusdetected'], // 554: a malware / security signature matched
  ['too many recipients', 'exceedlimit'], // 452: recipients per message, a limit of the message (RFC 3463 X.5.3)
];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['mimecast.com', 'mimecast-offshore.com'];

export const mimecast: Provider = {
  name: 'mimecast',
  is: (a) => under(a.host, HOSTS) || a.text.includes('mimecast'),
  reason: (a) =>
    PHRASES.find(([p]) => a.text.includes(p))?.[1] ??
    // "501 Invalid address": the recipient address is not a valid SMTP address.
    (a.replyCode === '501' && a.text.includes('invalid address') ? 'userunknown' : null),
};
