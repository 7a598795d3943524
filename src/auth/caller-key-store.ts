import { timingSafeEqual } from "node:crypto";
import { ConfigError } from "../config.js";
import type { Caller } from "./caller.js";
import type { CallerKeyEntry } from "./caller-key-entry.js";
import { hashKey, keyId } from "./key-hash.js";

/**
 * The configured caller keys, held only as sha256 digests. A presented key is hashed and compared with every
 * stored digest in constant time, without stopping at the first match, so response time says nothing about
 * how close a guess came or which key it matched.
 */
export class CallerKeyStore {
  private readonly entries: ReadonlyArray<{ hash: Buffer; caller: Caller }>;

  constructor(entries: readonly CallerKeyEntry[]) {
    const seen = new Map<string, string>();
    this.entries = entries.map((entry) => {
      const hex = entry.hash.toString("hex");
      const earlier = seen.get(hex);
      if (earlier) throw new ConfigError(`Invalid configuration: ${entry.origin} repeats the key of ${earlier}`);
      seen.set(hex, entry.origin);
      const caller: Caller = { id: keyId(entry.hash), name: entry.name, scopes: entry.scopes, sources: entry.sources, calls: entry.calls };
      return { hash: entry.hash, caller: Object.freeze(caller) };
    });
  }

  get size(): number {
    return this.entries.length;
  }

  /** The caller a presented key belongs to, or null. */
  find(key: string): Caller | null {
    const presented = hashKey(key);
    let found: Caller | null = null;
    for (const entry of this.entries) {
      // Digests are all 32 bytes, so timingSafeEqual never throws on a length mismatch.
      if (timingSafeEqual(entry.hash, presented) && found === null) found = entry.caller;
    }
    return found;
  }
}
