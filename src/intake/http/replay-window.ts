// The replay window of signed webhooks (SendGrid, Mailgun; docs/intake.md): a
// signature is only as fresh as the timestamp it covers. Ten minutes either
// way leaves room for clock skew and the provider's own queueing.
export const REPLAY_WINDOW_SECONDS = 600;

/** Whether a timestamp (seconds since the epoch) is within the window of `nowMs`. */
export function withinWindow(timestampSeconds: number, nowMs: number, windowSeconds = REPLAY_WINDOW_SECONDS): boolean {
  return Number.isFinite(timestampSeconds) && Math.abs(nowMs / 1000 - timestampSeconds) <= windowSeconds;
}
