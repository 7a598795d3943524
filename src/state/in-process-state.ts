import { LRUCache } from "lru-cache";
import type { SharedState } from "./shared-state.js";

/** Most keys the in-process store holds (tokens and persisted queries: a few thousand at most in practice). */
const MAX_KEYS = 10_000;

/** Per-key locks in this process: each holder waits for the one before it. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = before.then(() => mine);
    this.tails.set(key, tail);
    await before;
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

/** The default: state shared by the requests of this process only (one instance, nothing to install). */
export function createInProcessState(): SharedState {
  const values = new LRUCache<string, string>({ max: MAX_KEYS, ttlAutopurge: false });
  const locks = new KeyedMutex();
  return {
    kind: "in-process",
    available: () => true,
    get: async (key) => values.get(key),
    set: async (key, value, ttlMs) => void values.set(key, value, { ttl: Math.max(1, ttlMs) }),
    delete: async (key) => void values.delete(key),
    withLock: (key, _ttlMs, fn) => locks.run(key, fn),
    onAvailability: () => {},
    close: async () => values.clear(),
  };
}
