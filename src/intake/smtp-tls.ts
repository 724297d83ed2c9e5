// STARTTLS material of the SMTP listener (docs/security.md): a PEM certificate
// chain and key read from files, checked before use, and read again when either
// file changes (certificate renewals replace them, often by renaming), so that a
// renewal needs no restart. A renewal that cannot be read keeps the old pair.
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { createSecureContext } from 'node:tls';

export interface TlsFiles {
  cert: string;
  key: string;
}

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
}

/** The oldest protocol offered: TLS 1.0 and 1.1 are deprecated (RFC 8996). */
export const TLS_MIN_VERSION = 'TLSv1.2';

/** Reads and checks the pair (that the key matches the certificate); throws a message naming the file. */
export function readTlsFiles(files: TlsFiles): TlsMaterial {
  const read = (what: 'cert' | 'key'): Buffer => {
    try {
      return readFileSync(files[what]);
    } catch (err) {
      throw new Error(`smtp.tls.${what} ${files[what]}: ${(err as Error).message}`, { cause: err });
    }
  };
  const material = { cert: read('cert'), key: read('key') };
  try {
    createSecureContext({ ...material, minVersion: TLS_MIN_VERSION });
  } catch (err) {
    throw new Error(`smtp.tls: ${files.cert} and ${files.key} are not a usable certificate and key: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return material;
}

/** Calls `onChange` with the new pair when a file changes (polled every `intervalMs`); returns the stop function. */
export function watchTlsFiles(
  files: TlsFiles,
  onChange: (m: TlsMaterial) => void,
  onError: (err: Error) => void,
  intervalMs = 5000,
): () => void {
  let pending: NodeJS.Timeout | null = null;
  const changed = () => {
    // The two files of a renewal are written one after the other: read them once both are.
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = null;
      try {
        onChange(readTlsFiles(files));
      } catch (err) {
        onError(err as Error);
      }
    }, 200);
  };
  for (const f of [files.cert, files.key]) watchFile(f, { interval: intervalMs, persistent: false }, changed);
  return () => {
    if (pending) clearTimeout(pending);
    for (const f of [files.cert, files.key]) unwatchFile(f, changed);
  };
}
