// An address's quarantine state as data (docs/states-and-policy.md): what the state machine
// (quarantine/state.ts) computes and the address table stores.
import type { BounceType, Reason } from './reasons.js';

export type AddressStatus = 'valid' | 'erroneous' | 'quarantined' | 'denylisted' | 'allowlisted';
export type Channel = 'email' | 'sms' | 'push';

export interface AddressState {
  status: AddressStatus;
  reason: Reason | null;
  type: BounceType | null;
  failureReason: number | null;
  errorCount: number;
  firstErrorAt: Date | null;
  lastErrorAt: Date | null;
  /** The last error that counted (soft errors within the significant period count once). */
  lastSignificantErrorAt: Date | null;
  lastErrorText: string | null;
  /**
   * The denylisting is the recipient's own opt-out (an SMS STOP), which its opt-in (START)
   * may lift; false or absent: an operator's, a complaint's, or none.
   */
  optedOut?: boolean;
}
