// The reason taxonomy (docs/reasons.md, Sisimai's names) and its default mapping to a
// type (what it does to the address) and the platform's coarse failureReason code.

export const REASONS = [
  'userunknown',
  'hostunknown',
  'mailboxfull',
  'suspend',
  'hasmoved',
  'filtered',
  'rejected',
  'blocked',
  'spamdetected',
  'policyviolation',
  'securityerror',
  'virusdetected',
  'contenterror',
  'badreputation',
  'requireptr',
  'notcompliantrfc',
  'authfailure',
  'speeding',
  'norelaying',
  'notaccept',
  'expired',
  'networkerror',
  'systemerror',
  'systemfull',
  'toomanyconn',
  'mailererror',
  'syntaxerror',
  'exceedlimit',
  'mesgtoobig',
  'vacation',
  'feedback',
  'delivered',
  'onhold',
  'undefined',
] as const;
export type Reason = (typeof REASONS)[number];

export type BounceType = 'hard' | 'soft' | 'ignored';

/** The platform's coarse codes (docs/reasons.md). */
export const FAILURE_REASON = {
  notDefined: 0,
  userUnknown: 1,
  invalidDomain: 2,
  unreachable: 3,
  accountDisabled: 4,
  mailboxFull: 5,
  denylisted: 8,
  inQuarantine: 9,
  refused: 20,
  allowlisted: 25,
} as const;
export type FailureReason = (typeof FAILURE_REASON)[keyof typeof FAILURE_REASON];

export interface Qualification {
  type: BounceType;
  failureReason: FailureReason;
}

const F = FAILURE_REASON;
const DEFAULTS: Record<Reason, Qualification> = {
  userunknown: { type: 'hard', failureReason: F.userUnknown },
  hasmoved: { type: 'hard', failureReason: F.userUnknown },
  notaccept: { type: 'hard', failureReason: F.invalidDomain },
  hostunknown: { type: 'soft', failureReason: F.invalidDomain },
  mailboxfull: { type: 'soft', failureReason: F.mailboxFull },
  suspend: { type: 'soft', failureReason: F.accountDisabled },
  expired: { type: 'soft', failureReason: F.unreachable },
  networkerror: { type: 'soft', failureReason: F.unreachable },
  systemerror: { type: 'soft', failureReason: F.unreachable },
  systemfull: { type: 'soft', failureReason: F.unreachable },
  toomanyconn: { type: 'soft', failureReason: F.unreachable },
  mailererror: { type: 'soft', failureReason: F.unreachable },
  filtered: { type: 'soft', failureReason: F.refused },
  rejected: { type: 'soft', failureReason: F.refused },
  spamdetected: { type: 'soft', failureReason: F.refused },
  policyviolation: { type: 'soft', failureReason: F.refused },
  contenterror: { type: 'soft', failureReason: F.refused },
  virusdetected: { type: 'soft', failureReason: F.refused },
  securityerror: { type: 'soft', failureReason: F.refused },
  blocked: { type: 'ignored', failureReason: F.refused },
  badreputation: { type: 'ignored', failureReason: F.refused },
  requireptr: { type: 'ignored', failureReason: F.refused },
  authfailure: { type: 'ignored', failureReason: F.refused },
  speeding: { type: 'ignored', failureReason: F.refused },
  norelaying: { type: 'ignored', failureReason: F.refused },
  notcompliantrfc: { type: 'ignored', failureReason: F.refused },
  syntaxerror: { type: 'ignored', failureReason: F.refused },
  exceedlimit: { type: 'ignored', failureReason: F.refused },
  mesgtoobig: { type: 'ignored', failureReason: F.refused },
  vacation: { type: 'ignored', failureReason: F.notDefined },
  onhold: { type: 'ignored', failureReason: F.notDefined },
  delivered: { type: 'ignored', failureReason: F.notDefined },
  feedback: { type: 'hard', failureReason: F.refused },
  // Undefined is "to qualify": it changes no address until an operator decides.
  undefined: { type: 'ignored', failureReason: F.notDefined },
};

/** Sender-side failures: counted per recipient domain, never against the recipient (docs/reasons.md). */
export const SENDER_SIDE: ReadonlySet<Reason> = new Set<Reason>([
  'blocked',
  'badreputation',
  'requireptr',
  'authfailure',
  'speeding',
  'norelaying',
  'notcompliantrfc',
  'syntaxerror',
]);

export function isReason(value: string): value is Reason {
  return (REASONS as readonly string[]).includes(value);
}

/**
 * Default type and code of a reason (docs/reasons.md). `permanent` makes suspend hard; `temporary`
 * (a 4xx or 4.x.x: a DNS lookup that failed for now) makes a domain that accepts no mail soft.
 */
export function qualify(reason: Reason, opts: { permanent?: boolean; temporary?: boolean } = {}): Qualification {
  const q = DEFAULTS[reason];
  if (reason === 'suspend' && opts.permanent) return { type: 'hard', failureReason: F.accountDisabled };
  if (reason === 'notaccept' && opts.temporary) return { type: 'soft', failureReason: F.invalidDomain };
  return q;
}

/** Whether a failure is the sender's problem rather than the recipient's. */
export const isSenderSide = (reason: Reason): boolean => SENDER_SIDE.has(reason);
