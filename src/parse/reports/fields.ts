// Reading a provider's JSON event defensively: every field may be missing or
// of another type than documented, and a wrong guess must not throw.
export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function str(o: Json, key: string): string {
  const v = o[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function obj(o: Json, key: string): Json {
  const v = o[key];
  return isObject(v) ? v : {};
}

export function arr(o: Json, key: string): unknown[] {
  const v = o[key];
  return Array.isArray(v) ? v : [];
}

/** A date field (ISO text or epoch seconds), or null. */
export function date(v: unknown): Date | null {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v < 1e12 ? v * 1000 : v);
  if (typeof v !== 'string' || !v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}
