// The HTTP intakes the API role serves under /v1/intake/{source} (docs/intake.md),
// each built from its part of the config; one without its keys answers 404.
import type { Config } from '../../config.js';
import type { Pool } from '../../db/pool.js';
import { nonceSeen, rememberNonce } from '../../store/intake-nonces.js';
import { mailgunSource } from './mailgun.js';
import { deliverySource } from './delivery.js';
import { postmarkSource } from './postmark.js';
import { pushSource } from './push.js';
import { REPLAY_WINDOW_SECONDS } from './replay-window.js';
import { sendgridSource } from './sendgrid.js';
import { smsSource } from './sms.js';
import { sesSource } from './ses.js';
import type { WebhookSource } from './types.js';

export type { WebhookOutcome, WebhookRequest, WebhookSource } from './types.js';

export interface WebhookSourceDeps {
  /** Where the tokens of signed requests are remembered for the replay window (Mailgun). */
  pool: Pool;
}

export function webhookSources(config: Config, deps: WebhookSourceDeps): WebhookSource[] {
  const w = config.webhooks;
  return [
    postmarkSource(w.postmark?.auth),
    smsSource(w.twilio),
    pushSource(),
    sendgridSource(w.sendgrid?.verificationKey),
    mailgunSource(w.mailgun?.signingKey, {
      seen: (token) => nonceSeen(deps.pool, 'mailgun', token),
      remember: (token) => rememberNonce(deps.pool, 'mailgun', token, REPLAY_WINDOW_SECONDS),
    }),
    sesSource(w.ses),
    deliverySource(),
  ];
}
