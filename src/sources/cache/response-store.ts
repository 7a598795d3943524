import { LRUCache } from "lru-cache";
import type { SourceName } from "../../model.js";
import { MAX_LIFETIME_IN_TTLS, type ResponseCacheSettings } from "./cache-settings.js";
import { deepFreeze } from "./deep-freeze.js";
import type { Dependency, ReadStamp } from "./vendor-validity.js";

/** A cached vendor answer in the unified model, frozen, with what decides whether it still holds. */
export interface CacheEntry {
  readonly value: unknown;
  readonly source: SourceName;
  readonly dependsOn: Dependency;
  readonly stamp: ReadStamp;
}

/**
 * Every caller's cached answers, in one LRU bounded by the customer records they hold (a list of 100 weighs
 * 100, a missing customer 1), so the memory bound does not depend on how answers are split into entries.
 * Entries older than MAX_LIFETIME_IN_TTLS TTLs are gone whatever the change checks said.
 */
export class ResponseStore {
  private readonly lru: LRUCache<string, CacheEntry>;

  constructor(settings: ResponseCacheSettings) {
    this.lru = new LRUCache<string, CacheEntry>({
      maxSize: settings.maxRecords,
      sizeCalculation: (entry) => Math.max(1, recordCount(entry.value)),
      ttl: settings.ttlMs * MAX_LIFETIME_IN_TTLS,
      // Expiry is checked on read; a timer per entry would cost more than the stale memory it frees early.
      ttlAutopurge: false,
    });
  }

  get(key: string): CacheEntry | undefined {
    return this.lru.get(key);
  }

  /** Whether the key is held, without counting as a use. */
  has(key: string): boolean {
    return this.lru.has(key);
  }

  /** Stores the answer frozen (callers get the same frozen value on a miss as on a hit) and returns it. */
  set<T>(key: string, value: T, source: SourceName, dependsOn: Dependency, stamp: ReadStamp): T {
    const frozen = deepFreeze(value);
    this.lru.set(key, { value: frozen, source, dependsOn, stamp });
    return frozen;
  }

  delete(key: string): void {
    this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }
}

/** Records in an answer: an array's length, a page's `records`, one for anything else. */
function recordCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  const records = (value as { records?: unknown } | null)?.records;
  return Array.isArray(records) ? records.length : 1;
}
