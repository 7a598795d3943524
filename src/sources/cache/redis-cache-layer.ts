import type { Redis } from "ioredis";
import type { SourceName } from "../../model.js";
import { dropIfHung } from "../../state/drop-if-hung.js";
import type { SharedState } from "../../state/shared-state.js";
import type { CacheLayer, Loaded } from "./cache-layer.js";
import { decodeEntry, encodeEntry } from "./entry-codec.js";
import type { CacheEntry } from "./response-store.js";
import { LocalWriteMarks, type WriteMarks } from "./write-marks.js";

/** Numbers one write and marks what it changed, atomically, so that every instance sees all of it or none. */
const RECORD_WRITE = `
local n = redis.call("INCR", KEYS[1])
redis.call("SET", KEYS[3], n, "PX", ARGV[1])
if ARGV[2] == "all" then redis.call("SET", KEYS[2], n, "PX", ARGV[1]) end
for i = 4, #KEYS do redis.call("SET", KEYS[i], n, "PX", ARGV[1]) end
return n`;

const number = (text: string | null | undefined) => (text ? Number(text) || 0 : 0);

/**
 * The most recently stored unfiltered lists a write carries over from the shared level: each is read whole
 * (a page of up to 250 records), so a write reads a bounded amount whatever the number of pages cached.
 */
const CARRIED_FROM_SHARED = 20;

/**
 * The cache's shared level in Redis: entries every instance reads (under each one's memory level) and the
 * vendors' write marks, read in the same round trip as the entries, so a write acknowledged by one instance
 * is seen by the very next lookup on any other (no bus whose message could arrive after that lookup).
 *
 * While Redis is lost, lookups miss (the vendor answers) and nothing is stored. When it is back, this instance
 * first marks everything of its vendors changed (its writes while Redis was lost were recorded nowhere) and
 * empties its memory level, and only then shares again.
 */
export class RedisCacheLayer implements CacheLayer {
  readonly holdsEntries = true;
  private readonly redis: Redis;
  /** The marks as last read or written here; started afresh at each resync (a restarted Redis numbers from 1). */
  private mirrors: Map<SourceName, LocalWriteMarks>;
  /** The epoch: bumped when Redis is lost and when it is shared again. */
  private lostCount = 0;
  private needsResync = false;
  private resyncing: Promise<boolean> | undefined;

  constructor(
    private readonly state: SharedState & { redis: Redis },
    private readonly sources: readonly SourceName[],
    /** How long an entry (and so a mark that could kill it) lives. */
    private readonly lifetimeMs: number,
    /** Empties the memory level, whose entries may have missed writes while Redis was lost. */
    private readonly forgetLocal: () => void,
  ) {
    this.redis = state.redis;
    this.mirrors = new Map(sources.map((name) => [name, new LocalWriteMarks()]));
    state.onAvailability((available) => {
      if (!available) this.lost();
    });
  }

  epoch(): number {
    return this.lostCount;
  }

  latest(source: SourceName): WriteMarks {
    return this.mirrors.get(source)!;
  }

  async load(source: SourceName, ids: readonly string[], keys: readonly string[]): Promise<Loaded | null> {
    if (!(await this.ready())) return null;
    const k = vendorKeys(source);
    const epoch = this.lostCount;
    try {
      const values = await this.redis.mget(k.seq, k.all, k.lists, ...ids.map((id) => k.customer(id)), ...keys.map(entryKey));
      const customers = new Map(ids.map((id, i) => [id, number(values[3 + i])]));
      const mirror = this.mirrors.get(source)!;
      const marks: WriteMarks = {
        seq: number(values[0]),
        all: number(values[1]),
        lists: number(values[2]),
        customer: (id) => Math.max(customers.get(id) ?? 0, mirror.customer(id)),
      };
      mirror.seq = Math.max(mirror.seq, marks.seq);
      mirror.all = Math.max(mirror.all, marks.all);
      mirror.lists = Math.max(mirror.lists, marks.lists);
      const entries = new Map<string, CacheEntry>();
      keys.forEach((key, i) => {
        const text = values[3 + ids.length + i];
        const entry = text ? decodeEntry(text) : undefined;
        if (entry) entries.set(key, entry);
      });
      return { marks, epoch, entries };
    } catch (err) {
      this.failed(err);
      return null;
    }
  }

  async recordWrite(source: SourceName, ids: readonly string[] | "all"): Promise<number | null> {
    const seq = await this.record(source, ids);
    if (seq !== null) return seq;
    // Not recorded for the others: this instance shares nothing until it has marked everything changed.
    this.lost();
    await this.ready();
    return null;
  }

  save(key: string, entry: CacheEntry, unfilteredList = false): void {
    if (!this.state.available() || this.needsResync) return;
    const batch = this.redis.multi().set(entryKey(key), encodeEntry(entry), "PX", this.lifetimeMs);
    if (unfilteredList) {
      // Listed by when it was stored; what is older than an entry lives is pruned on the way.
      const listed = vendorKeys(entry.source).unfiltered;
      const now = Date.now();
      batch.zadd(listed, now, key).zremrangebyscore(listed, "-inf", now - this.lifetimeMs).pexpire(listed, this.lifetimeMs);
    }
    batch.exec().catch((err: unknown) => {
      this.failed(err);
    });
  }

  async sharedUnfilteredLists(source: SourceName, wanted: (key: string) => boolean): Promise<ReadonlyMap<string, CacheEntry>> {
    const found = new Map<string, CacheEntry>();
    if (!(await this.ready())) return found;
    try {
      const keys = (await this.redis.zrevrange(vendorKeys(source).unfiltered, 0, CARRIED_FROM_SHARED - 1)).filter(wanted);
      if (keys.length === 0) return found;
      const values = await this.redis.mget(keys.map(entryKey));
      keys.forEach((key, i) => {
        const entry = values[i] ? decodeEntry(values[i]!) : undefined;
        if (entry) found.set(key, entry);
      });
      return found;
    } catch (err) {
      this.failed(err);
      return found;
    }
  }

  private async record(source: SourceName, ids: readonly string[] | "all"): Promise<number | null> {
    if (!this.state.available()) return null;
    const k = vendorKeys(source);
    const customers = ids === "all" ? [] : [...new Set(ids)];
    try {
      const seq = Number(
        await this.redis.eval(RECORD_WRITE, 3 + customers.length, k.seq, k.all, k.lists, ...customers.map((id) => k.customer(id)), String(this.markLifetimeMs()), ids === "all" ? "all" : "some"),
      );
      this.mirrors.get(source)!.record(ids, seq);
      return seq;
    } catch (err) {
      dropIfHung(this.redis, err);
      return null;
    }
  }

  /** A mark outlives every entry it could kill, those stored late by a slow read included. */
  private markLifetimeMs(): number {
    return this.lifetimeMs + 120_000;
  }

  /** A command failed: Redis counts as lost until a resync, its connection dropped if it hangs. */
  private failed(err: unknown): void {
    dropIfHung(this.redis, err);
    this.lost();
  }

  private lost(): void {
    this.lostCount += 1;
    this.needsResync = true;
  }

  private async ready(): Promise<boolean> {
    if (!this.state.available()) return false;
    if (!this.needsResync) return true;
    this.resyncing ??= this.resync().finally(() => {
      this.resyncing = undefined;
    });
    return this.resyncing;
  }

  private async resync(): Promise<boolean> {
    const epoch = this.lostCount;
    this.mirrors = new Map(this.sources.map((name) => [name, new LocalWriteMarks()]));
    for (const source of this.sources) {
      if ((await this.record(source, "all")) === null) return false;
    }
    this.forgetLocal();
    // Lost again meanwhile: the next lookup starts over.
    if (epoch !== this.lostCount) return false;
    // A new epoch: nothing read under the old numbering of writes is stored from now on.
    this.lostCount += 1;
    this.needsResync = false;
    return true;
  }
}

function vendorKeys(source: SourceName) {
  const base = `cache:${source}:`;
  return {
    seq: `${base}seq`,
    all: `${base}all`,
    lists: `${base}lists`,
    customer: (id: string) => `${base}customer:${id}`,
    unfiltered: `${base}unfiltered`,
  };
}

function entryKey(key: string): string {
  return `cache:entry:${key}`;
}
