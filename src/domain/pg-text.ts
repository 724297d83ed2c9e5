// Postgres text cannot hold NUL ("invalid byte sequence for encoding UTF8: 0x00"),
// which broken MTAs and hostile clients put in replies, envelopes and headers.
// Every string bound for a text column that comes from a mail passes here; the
// raw mail (bytea) keeps the byte.

/** The string with each NUL read as a space; the same string when it has none. */
export function pgText<T extends string | null>(s: T): T {
  return (s !== null && s.includes('\u0000') ? s.replaceAll('\u0000', ' ') : s) as T;
}
