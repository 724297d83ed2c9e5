// The HTTP intakes the API role serves under /v1/intake/{source} (docs/intake.md),
// each built from its part of the config; one without its keys answers 404.
import type { Config } from '../../config.js';
import { deliverySource } from './delivery.js';
import { postmarkSource } from './postmark.js';
import type { WebhookSource } from './types.js';

export type { WebhookOutcome, WebhookRequest, WebhookSource } from './types.js';

export function webhookSources(config: Config): WebhookSource[] {
  const w = config.webhooks;
  return [postmarkSource(w.postmark?.auth), deliverySource()];
}
