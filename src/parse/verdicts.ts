// Verdicts that need no classifier: a complaint and an auto-reply say what they
// are. Shared by the mail parser and the report readers, so both give one shape.
import { qualify, type Reason } from '../domain/reasons.js';
import type { Action, FeedbackType, RecipientVerdict } from '../domain/verdict.js';

function stated(
  address: string,
  reason: Reason,
  action: Action,
  text: string,
  feedbackType: FeedbackType | null,
  at: Date | null,
): RecipientVerdict {
  const q = qualify(reason);
  const base = { address, action, status: '', replyCode: '', reason, diagnostic: text, remoteMta: '', occurredAt: at, sure: true };
  return { ...base, type: q.type, failureReason: q.failureReason, feedbackType };
}

export function complaintVerdict(address: string, feedbackType: FeedbackType | null, at: Date | null): RecipientVerdict {
  return stated(address, 'feedback', 'failed', '', feedbackType, at);
}

/** An auto-reply's sender, with the reply's subject (or description) as its text. */
export function autoReplyVerdict(address: string, text: string, at: Date | null): RecipientVerdict {
  return stated(address, 'vacation', 'delivered', text, null, at);
}
