// The small error vocabulary of inmail. Stable codes; each error is logged once, where handled.

/** A service (Postgres, Redis) cannot be reached; the CLI exits 3. */
export class ServiceUnavailableError extends Error {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(
    readonly service: 'Postgres' | 'Redis',
    readonly where: string,
    cause: unknown,
  ) {
    super(
      `${service} cannot be reached at ${where}: ${describe(cause)} ` +
        `(is it running? the address comes from ${service === 'Postgres' ? 'INMAIL_DATABASE_URL' : 'INMAIL_REDIS_URL'} or the config file)`,
      { cause },
    );
    this.name = 'ServiceUnavailableError';
  }
}

/** The database exists but lacks migrations, or does not exist: `inmail migrate` fixes both; the CLI exits 3. */
export class DatabaseNotReadyError extends Error {
  readonly code = 'DATABASE_NOT_READY';
  constructor(
    readonly where: string,
    what: string,
  ) {
    super(`Postgres database at ${where} ${what}: run \`inmail migrate\` (with the same INMAIL_DATABASE_URL)`);
    this.name = 'DatabaseNotReadyError';
  }
}

/** The configuration is invalid: every problem, each naming its key; the CLI exits 2. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Bad usage of a command (unknown flag value, missing argument); the CLI exits 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A bad value of one named field (flag or JSON key); the CLI exits 2, the API answers 400 naming the field. */
export class InputError extends UsageError {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'InputError';
  }
}

/** The request is valid but the object is not in a state that allows it (an incident already decided); CLI 2, API 409. */
export class ConflictError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Nothing matched the request (address never seen, empty result); the CLI exits 1. */
export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(message: string) {
    // An answer, not a fault: no stack is ever shown for it, and capturing one stood out
    // in the profile of GET /v1/addresses/{a}, where a miss is half of the sending side's asks.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'NotFoundError';
  }
}

/** A mail that can never be processed (unparseable, missing row): fail the job without retrying. */
export class PermanentMailError extends Error {
  readonly code = 'PERMANENT';
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'PermanentMailError';
  }
}

export function describe(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return describe(err.errors[0]);
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return err.message || (typeof code === 'string' ? code : err.name);
  }
  return String(err);
}

/** Hides the password of a URL before it is printed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

/** Errors of the connection layer (refused, reset, DNS, timeouts, server shutting down). */
export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH|57P0[1-3]|08\d\d\d|53300)$/.test(code)
  ) {
    return true;
  }
  const msg = err instanceof Error ? err.message : '';
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    msg,
  );
}

/** An error as it crosses from a thread to the main thread (structured clone keeps neither its class nor its code). */
export interface ThreadError {
  name: string;
  message: string;
  code?: string;
}

export function toThreadError(err: unknown): ThreadError {
  if (err instanceof AggregateError && err.errors.length > 0) return toThreadError(err.errors[0]);
  const code = (err as { code?: unknown } | null)?.code;
  return {
    name: err instanceof Error ? err.name : 'Error',
    message: describe(err),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/** The error again, of its class where the CLI's exit code depends on it (3: a service or the schema). */
export function fromThreadError(e: ThreadError): Error {
  const err = new Error(e.message);
  const proto =
    e.name === 'ServiceUnavailableError'
      ? ServiceUnavailableError.prototype
      : e.name === 'DatabaseNotReadyError'
        ? DatabaseNotReadyError.prototype
        : null;
  if (proto) Object.setPrototypeOf(err, proto);
  err.name = e.name;
  if (e.code) Object.assign(err, { code: e.code });
  return err;
}
