import type { Redis } from "ioredis";
import type { Caller } from "../../auth/caller.js";
import type { SourceName } from "../../model.js";
import type { SharedState } from "../../state/shared-state.js";
import type { Source } from "../source.js";
import { localCacheLayer, type CacheLayer } from "./cache-layer.js";
import { MAX_LIFETIME_IN_TTLS, type ResponseCacheSettings } from "./cache-settings.js";
import { cachedSource } from "./cached-source.js";
import { callerFingerprint } from "./caller-fingerprint.js";
import { RedisCacheLayer } from "./redis-cache-layer.js";
import { ResponseStore } from "./response-store.js";
import { UnfilteredListKeys } from "./unfiltered-lists.js";
import { VendorValidity } from "./vendor-validity.js";

/**
 * The opt-in per-vendor response cache (VENDOR_CACHE_TTL_MS). Each caller fingerprint (scopes and sources) gets
 * its own cached sources, whose entries no other fingerprint can reach; the store's memory bound, the write
 * marks, each vendor's validity (change checks) and its unfiltered lists (carried over by writes that leave them
 * in place) are shared, so a write through any caller is seen by all.
 * With Redis shared state, a level in Redis sits under the memory one and the write marks live there, so every
 * instance serves what any of them read and sees every write at once (redis-cache-layer.ts).
 */
export class ResponseCache {
  private readonly store: ResponseStore;
  private readonly layer: CacheLayer;
  private readonly validity = new Map<SourceName, VendorValidity>();
  private readonly unfilteredLists = new Map<SourceName, UnfilteredListKeys>();
  private readonly partitions = new Map<string, ReadonlyMap<SourceName, Source>>();

  constructor(
    sources: ReadonlyMap<SourceName, Source>,
    settings: ResponseCacheSettings,
    shared?: SharedState,
    now: () => number = Date.now,
  ) {
    this.store = new ResponseStore(settings);
    const names = [...sources.keys()];
    this.layer =
      shared?.kind === "redis" && shared.redis
        ? new RedisCacheLayer(shared as SharedState & { redis: Redis }, names, settings.ttlMs * MAX_LIFETIME_IN_TTLS, () => this.store.clear())
        : localCacheLayer(names);
    for (const [name, source] of sources) {
      this.validity.set(name, new VendorValidity(name, source.freshness, settings.ttlMs, now));
      if (source.writes?.unfilteredListsOrderedByKey) this.unfilteredLists.set(name, new UnfilteredListKeys((key) => this.store.has(key)));
    }
  }

  /** Drops every entry, for every caller and instance (the bench's check of a cold cache; an operator's reset). */
  async clear(): Promise<void> {
    this.store.clear();
    await Promise.all([...this.validity.keys()].map((name) => this.layer.recordWrite(name, "all")));
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
        [...visible].map(([name, source]) => [
          name,
          cachedSource(source, {
            store: this.store,
            layer: this.layer,
            validity: this.validity.get(name)!,
            partition,
            unfilteredLists: this.unfilteredLists.get(name),
            partitionsSeeing: () => [...this.partitions].flatMap(([key, sources]) => (sources.has(name) ? [key] : [])),
          }),
        ]),
      );
      this.partitions.set(partition, cached);
    }
    return cached;
  }
}
