import { createHash } from "node:crypto";

/**
 * Keys are held only as sha256 digests: a heap dump or a stray log of the key store shows no usable key.
 * A plain (unsalted) digest is enough because keys are long random strings, not passwords (see caller-keys-text).
 */
export function hashKey(key: string): Buffer {
  return createHash("sha256").update(key, "utf8").digest();
}

/** The short id logs and the request context use: 8 hex digits (32 bits) of the digest, too few to guess a key from. */
export function keyId(hash: Buffer): string {
  return `key:${hash.subarray(0, 4).toString("hex")}`;
}
