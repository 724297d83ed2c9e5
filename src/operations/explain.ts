// `inmail quarantine explain` and GET /v1/addresses/{a}/explain: the chain
// behind an address's current status. The history row that set the status,
// the event it came from (or the address's latest event when an operator or a
// job set it), the raw mail of that event, what the parser read from it, the
// rule or heuristic that decided and the normalized text it was matched on.
// A deleted address keeps its history and says so.
import type { Config } from '../config.js';
import type { Pool } from '../db/pool.js';
import { NotFoundError } from '../errors.js';
import { normalizeText, textKey } from '../qualify/normalize.js';
import { userRuleNumber, getUserRule } from '../store/rules.js';
import { loadShippedRules } from '../qualify/shipped.js';
import type { KeyOptions } from '../quarantine/address-key.js';
import type { Channel } from '../quarantine/state.js';
import { addressHistory, findAddress } from '../store/addresses.js';
import { eventById, lastEventOf } from '../store/events.js';
import { getMail } from '../store/raw-mails.js';
import { addressJson, addressRef, historyJson } from './addresses.js';
import { eventJson, mailStructure } from './mails.js';
import { ruleToInput } from './rules.js';

export async function explainAddress(config: Config, pool: Pool, keys: KeyOptions, channel: Channel, raw: string) {
  const ref = addressRef(keys, channel, raw);
  const [address, history] = await Promise.all([findAddress(pool, channel, ref.key), addressHistory(pool, channel, ref.key)]);
  if (!address && history.length === 0) throw new NotFoundError(`${raw} (${channel}) has never been seen`);
  const deleted = !address;
  // The change that gave the current status: the last history row leading to it.
  const current = address?.status ?? 'deleted';
  const setter = [...history].reverse().find((h) => h.to === current) ?? null;
  const event = setter?.event ? await eventById(pool, setter.event) : await lastEventOf(pool, channel, ref.key);
  const mail = event ? await getMail(pool, event.rawMailId) : null;
  const ruleId = event?.ruleId ?? setter?.ruleId ?? null;
  let rule: Record<string, unknown> | null = null;
  if (ruleId) {
    const n = userRuleNumber(ruleId);
    const found =
      n !== null ? await getUserRule(pool, n) : (loadShippedRules(config.rules.shippedDir).find((r) => r.id === ruleId) ?? null);
    rule = found ? { ...ruleToInput(found), origin: found.origin } : { id: ruleId, origin: n !== null ? 'user' : 'shipped', missing: true };
  }
  const normalized = event?.diagnostic ? normalizeText(event.diagnostic) : null;
  return {
    address: address ? addressJson(address) : null,
    deleted,
    decidedBy: setter
      ? { by: setter.by, at: setter.at.toISOString(), from: setter.from, to: setter.to, note: setter.note, ruleId: setter.ruleId }
      : null,
    event: event ? eventJson(event) : null,
    decision: event
      ? {
          step: ruleId ? (userRuleNumber(ruleId) !== null ? 'user rule' : 'shipped rule') : 'parser heuristics',
          ruleId,
          rule,
          normalizedText: normalized,
          textKey: normalized ? textKey(normalized) : null,
          reason: event.reason,
          type: event.type,
          failureReason: event.failureReason,
          outcome: event.outcome,
        }
      : null,
    mail: mail
      ? {
          id: mail.id,
          receivedAt: mail.receivedAt.toISOString(),
          source: mail.source,
          messageId: mail.messageId,
          mailFrom: mail.mailFrom,
          size: mail.size,
          raw: `/v1/mails/${mail.id}/raw`,
          headers: mailStructure(mail.body).headers.slice(0, 40),
        }
      : null,
    history: history.map(historyJson),
  };
}
