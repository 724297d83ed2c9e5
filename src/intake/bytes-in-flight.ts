// Bytes the intakes hold before they are committed (docs/operations.md, memory):
// the SMTP sessions' DATA and the HTTP intakes' request bodies each count theirs
// here, and an intake that would take the count past its bound answers "try again
// later" (SMTP 452, HTTP 503) instead of holding more. Nothing acknowledged is lost.

/** A count of bytes held against a bound; whoever holds everything counted may always take more. */
export class BytesInFlight {
  private held = 0;
  constructor(private readonly max: number) {}

  /**
   * Takes `bytes` unless that would pass the bound while others hold bytes too;
   * `own`: what the caller already holds (a request alone is always let in, whatever its size).
   */
  take(bytes: number, own = 0): boolean {
    if (this.held > own && this.held + bytes > this.max) return false;
    this.held += bytes;
    return true;
  }

  give(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }

  get bytes(): number {
    return this.held;
  }
}
