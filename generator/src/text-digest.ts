import { createHash } from 'node:crypto';

/**
 * The SHA-256 of a file's text. A run hashes the same texts more than once
 * (the files it read back, its emit record, its manifest) and most files of a
 * regeneration have the text they had, so each text is hashed once. The texts
 * are kept with their digests up to a bound, for a long `--watch`.
 */
const digests = new Map<string, Buffer>();
const KEPT_CHARS = 64 * 2 ** 20;
let keptChars = 0;

export function textDigest(text: string): Buffer {
  return digests.get(text) ?? rememberDigest(text, createHash('sha256').update(text).digest());
}

/** Keeps `digest` as the sha256 of `text` encoded as UTF-8 (a caller that hashed the bytes it decoded `text` from). */
export function rememberDigest(text: string, digest: Buffer): Buffer {
  if (keptChars + text.length > KEPT_CHARS) {
    digests.clear();
    keptChars = 0;
  }
  digests.set(text, digest);
  keptChars += text.length;
  return digest;
}
