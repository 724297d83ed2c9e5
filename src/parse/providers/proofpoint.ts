// Proofpoint-filtered domains (*.pphosted.com, *.ppe-hosted.com): a refusal
// that links Proofpoint's IP reputation lookup (ipcheck.proofpoint.com) is a
// block of the sending IP, whatever the status beside it.
import { under, type Provider } from './provider.js';

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['pphosted.com', 'ppe-hosted.com'];

export const proofpoint: Provider = {
  name: 'proofpoint',
  is: (a) => under(a.host, HOSTS) || a.text.includes('ipcheck.proofpoint.com'),
  reason: (a) => (a.text.includes('ipcheck.proofpoint.com') ? 'blocked' : null),
};
