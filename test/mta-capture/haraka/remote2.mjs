// A second scripted remote for the Haraka lab (mx.remote2.test, 127.0.0.7:25), for the
// replies ../remote.mjs does not give. Same shape: one reply per recipient local part,
// given at RCPT time; anything else is accepted.
// Usage: node remote2.mjs [host] [port]
import { serveRemote } from '../remote.mjs';

export const REPLIES = {
  // Postfix + postgrey (DEFER_IF_PERMIT): the greylisting answer every retry gets.
  'grey-471':
    '450 4.7.1 <grey-471@remote2.test>: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/help/remote2.test.html',
  // A multi-line Spamhaus refusal at RCPT (Microsoft-style wording).
  'spamhaus-ml': [
    '554-5.7.1 Service unavailable; Client host [127.0.0.8] blocked using',
    '554-5.7.1 zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.8',
    '554 5.7.1 To request removal from this list see https://www.spamhaus.org/lookup/',
  ],
  'dmarc-rcpt': '550 5.7.1 Email rejected per DMARC policy for lab.test',
};

if (import.meta.url === `file://${process.argv[1]}`) {
  serveRemote({
    host: process.argv[2] ?? '127.0.0.7',
    port: Number(process.argv[3] ?? 25),
    name: 'mx.remote2.test',
    replies: REPLIES,
    acceptUnknown: true,
  });
}
