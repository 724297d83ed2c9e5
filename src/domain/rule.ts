// A qualification rule as data: what it matches and what it decides. Stored in
// inbound_rule (user rules) or shipped with inmail; compiled and run by qualify/.
import type { BounceType, FailureReason, Reason } from './reasons.js';

export type RuleOrigin = 'shipped' | 'user';
export type RuleChannel = 'email' | 'sms' | 'push';

export interface RuleMatch {
  text?: string | null;
  regex?: string | null;
  normalized?: string | null;
  status?: string | null;
  replyCode?: string | null;
  remoteMta?: string | null;
  domain?: string | null;
}

export interface RuleResult {
  reason: Reason;
  type: BounceType;
  failureReason: FailureReason;
}

export interface Rule {
  id: string;
  order: number;
  channel: RuleChannel;
  match: RuleMatch;
  result: RuleResult;
  example: string;
  enabled: boolean;
  origin: RuleOrigin;
  note?: string | null;
  /** A user rule's stable key across installations (import/export; qualify/rules.ts ruleKey). */
  key?: string | null;
}
