// A bytea[] parameter in Postgres' binary array format. node-postgres sends a
// Buffer parameter as binary, but turns an array of Buffers into hex text:
// twice the bytes on the wire, hex-encoded here and decoded by the server, for
// every mail body the intake stores (a sixth of the SMTP thread's CPU).
const BYTEA_OID = 17;

/** `bytes` as the binary form of a one-dimensional bytea[] (array_recv); the statement casts `$n::bytea[]`. */
export function byteaArray(bytes: readonly Buffer[]): Buffer {
  const head = bytes.length === 0 ? 12 : 20;
  let size = head;
  for (const b of bytes) size += 4 + b.length;
  const out = Buffer.allocUnsafe(size);
  out.writeInt32BE(bytes.length === 0 ? 0 : 1, 0); // dimensions
  out.writeInt32BE(0, 4); // no NULL elements
  out.writeInt32BE(BYTEA_OID, 8);
  if (bytes.length > 0) {
    out.writeInt32BE(bytes.length, 12);
    out.writeInt32BE(1, 16); // lower bound
  }
  let at = head;
  for (const b of bytes) {
    out.writeInt32BE(b.length, at);
    b.copy(out, at + 4);
    at += 4 + b.length;
  }
  return out;
}
