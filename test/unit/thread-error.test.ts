// A start-up error crosses from a thread to the main thread as data: the CLI must
// still print the same message and exit with the same code (3 for a service).
import { describe, expect, it } from 'vitest';
import { DatabaseNotReadyError, ServiceUnavailableError, fromThreadError, toThreadError } from '../../src/errors.js';

const across = (err: unknown) => fromThreadError(structuredClone(toThreadError(err)));

describe('errors across threads', () => {
  it('keep their message, and the class the exit code depends on', () => {
    const pg = new ServiceUnavailableError('Postgres', 'postgres://x@db/inmail', new Error('connect ECONNREFUSED 10.0.0.1:5432'));
    const back = across(pg);
    expect(back).toBeInstanceOf(ServiceUnavailableError);
    expect(back.message).toBe(pg.message);
    expect(across(new DatabaseNotReadyError('postgres://db/inmail', 'lacks migrations'))).toBeInstanceOf(DatabaseNotReadyError);
  });

  it('a port in use stays a plain error with its code', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8025'), { code: 'EADDRINUSE' });
    const back = across(inUse);
    expect(back).not.toBeInstanceOf(ServiceUnavailableError);
    expect(back.message).toBe(inUse.message);
    expect((back as { code?: string }).code).toBe('EADDRINUSE');
    expect(across(new AggregateError([inUse])).message).toBe(inUse.message);
  });
});
