import type { Caller } from "../../auth/caller.js";
import type { SourceName } from "../../model.js";
import type { Source } from "../source.js";
import type { ResponseCacheSettings } from "./cache-settings.js";
import { cachedSource } from "./cached-source.js";
import { callerFingerprint } from "./caller-fingerprint.js";
import { ResponseStore } from "./response-store.js";
import { VendorValidity } from "./vendor-validity.js";

/**
 * The opt-in per-vendor response cache (VENDOR_CACHE_TTL_MS). Each caller fingerprint (scopes and sources) gets
 * its own cached sources, whose entries no other fingerprint can reach; the store's memory bound and each
 * vendor's validity (writes, change checks) are shared, so a write through any caller is seen by all.
 */
export class ResponseCache {
  private readonly store: ResponseStore;
  private readonly validity = new Map<SourceName, VendorValidity>();
  private readonly partitions = new Map<string, ReadonlyMap<SourceName, Source>>();

  constructor(sources: ReadonlyMap<SourceName, Source>, settings: ResponseCacheSettings, now: () => number = Date.now) {
    this.store = new ResponseStore(settings);
    for (const [name, source] of sources) {
      this.validity.set(name, new VendorValidity(name, source.freshness, settings.ttlMs, now));
    }
  }

  /** Drops every entry, for every caller (the bench's check of a cold cache; an operator's reset). */
  clear(): void {
    this.store.clear();
    for (const validity of this.validity.values()) validity.invalidate();
  }

  /**
   * The caller's visible sources (already narrowed to what it may see) answering from its own partition. There
   * are at most as many partitions as combinations of scopes and sources, so they are kept for the server's life.
   */
  sourcesFor(caller: Caller, visible: ReadonlyMap<SourceName, Source>): ReadonlyMap<SourceName, Source> {
    const partition = callerFingerprint(caller);
    let cached = this.partitions.get(partition);
    if (!cached) {
      cached = new Map(
        [...visible].map(([name, source]) => [name, cachedSource(source, { store: this.store, validity: this.validity.get(name)!, partition })]),
      );
      this.partitions.set(partition, cached);
    }
    return cached;
  }
}
