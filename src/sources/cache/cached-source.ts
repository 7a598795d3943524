import type { RequestMeter } from "../../budget/request-meter.js";
import { activeFilterFields, filterKey } from "../../customer-filter.js";
import { ErrorCode, VendorError } from "../../errors.js";
import { cacheLookups } from "../../metrics/cache-metrics.js";
import type { CustomerFilter, CustomerRecord, RelatedKind } from "../../model.js";
import type { RequestLimit } from "../bounded-batch.js";
import type { Paging, RelatedCall, Source } from "../source.js";
import type { CacheLayer } from "./cache-layer.js";
import { deepFreeze } from "./deep-freeze.js";
import { withRecordReplaced, type UnfilteredListKeys } from "./unfiltered-lists.js";
import type { CacheEntry, ResponseStore } from "./response-store.js";
import type { Dependency, ReadStamp, VendorValidity } from "./vendor-validity.js";
import type { WriteMarks } from "./write-marks.js";
import { writeThrough, type AfterWrite } from "./write-through.js";

/** Where a cached source keeps its answers: memory, the layer under it, its vendor's validity, its caller partition. */
export interface CacheScope {
  store: ResponseStore;
  /** The write marks, and with Redis the level every instance shares (cache-layer.ts). */
  layer: CacheLayer;
  validity: VendorValidity;
  /** The caller fingerprint: a key of one partition never equals a key of another. */
  partition: string;
  /** Every caller's unfiltered lists of the vendor, when its writes leave them in place. */
  unfilteredLists?: UnfilteredListKeys;
  /** The partitions (this one included) whose callers may see the vendor: a write's answer is each one's record. */
  partitionsSeeing?: () => readonly string[];
}

type BatchRead<T> = (ids: readonly string[], shared?: RequestLimit) => Promise<Array<T | Error>>;
type Wanted = { key: string; on: Dependency };
/** The cached answers that hold, in order, and the marks they were judged by (null: the shared store is lost). */
type Lookup = { found: Array<{ value: unknown } | undefined>; marks: WriteMarks | null; epoch: number };

const LIST: Dependency = { kind: "list" };

/**
 * A read refused by the limit of the request that made it (its MAX_VENDOR_CALLS, or its answer already sent):
 * no verdict on the vendor, so a request that joined that read makes its own, under its own limit.
 */
const refusedForItsRequest = (answer: unknown) => answer instanceof VendorError && answer.code === ErrorCode.TOO_MANY_VENDOR_CALLS;

/**
 * A Source that answers reads from the response cache: lists (per filter and page, cursor or limit), customer
 * records (per customer, whichever batch read them) and related lists (per customer). Vendor errors are never
 * stored, so a failure reaches the caller exactly as without the cache. Writes go straight to the vendor; then
 * the vendor's answer replaces its customer's cached record (write-through) and the vendor's lists are dropped,
 * for every caller (on every instance when the cache is shared), except the unfiltered lists of a vendor whose
 * lists keep their order through the write: those get the answer put in; an unknown outcome drops the customer
 * too.
 * The request's meter goes with each read to the vendor calls it makes (a change check included), and learns of
 * the stale answers it is given; a read another request shares is charged to the request that made it.
 */
export function cachedSource(inner: Source, scope: CacheScope): Source {
  const { store, validity, layer } = scope;
  const keyIn = (partition: string, ...parts: unknown[]) => JSON.stringify([partition, inner.name, ...parts]);
  const keyOf = (...parts: unknown[]) => keyIn(scope.partition, ...parts);
  /**
   * Vendor reads in flight, by cache key (lists and per-customer answers alike): a request that misses what
   * another request is reading already waits for that read instead of making its own (users paging the same list
   * at the same moment open the same customers), unless the read started before a write this request must see.
   */
  const inflight = new Map<string, { stamp: ReadStamp; on: Dependency; answer: Promise<unknown> }>();
  const { unfilteredLists } = scope;
  const joinable = (key: string, marks: WriteMarks) => {
    const pending = inflight.get(key);
    return pending && validity.verdict(pending.stamp, pending.on, marks) === "fresh" ? pending.answer : undefined;
  };
  const track = (key: string, stamp: ReadStamp, on: Dependency, answer: Promise<unknown>) => {
    inflight.set(key, { stamp, on, answer });
    const done = () => {
      if (inflight.get(key)?.answer === answer) inflight.delete(key);
    };
    answer.then(done, done);
  };
  const count = (result: "hit" | "revalidated" | "miss", n = 1) => {
    if (n > 0) cacheLookups.inc({ source: inner.name, result }, n);
  };

  /** The cached answers that still hold, in order; one change check at most for all the stale ones. */
  async function lookup(wanted: readonly Wanted[], meter: RequestMeter | undefined): Promise<Lookup> {
    let inMemory = wanted.map(({ key }) => store.get(key));
    // In process the marks are at hand: no ids or keys to gather for them.
    const ids = layer.holdsEntries ? wanted.flatMap(({ on }) => (on.kind === "list" ? [] : [on.id])) : [];
    const before = layer.epoch();
    const keys = layer.holdsEntries ? wanted.filter((_, i) => !inMemory[i]).map(({ key }) => key) : [];
    let loaded = await layer.load(inner.name, ids, keys);
    if (loaded && loaded.epoch !== before) {
      // Memory was emptied meanwhile (Redis back after a loss): what this lookup took from it is void.
      inMemory = wanted.map(() => undefined);
      loaded = await layer.load(inner.name, ids, wanted.map(({ key }) => key));
    }
    const miss = (): Lookup => {
      count("miss", wanted.length);
      return { found: wanted.map(() => undefined), marks: null, epoch: -1 };
    };
    if (!loaded) return miss();
    let { marks } = loaded;
    const { epoch } = loaded;
    const entries = new Map(loaded.entries);
    const verdictAt = (i: number, entry: CacheEntry | undefined) => entry && validity.verdict(entry.stamp, wanted[i]!.on, marks);
    // An entry in memory that a write killed may have its successor in the shared level (another instance's
    // write-through, or its read since): asked for in one more round trip, only then.
    const overtaken = layer.holdsEntries ? wanted.flatMap((_, i) => (verdictAt(i, inMemory[i]) === "dead" ? [i] : [])) : [];
    for (const i of overtaken) {
      store.delete(wanted[i]!.key);
      inMemory[i] = undefined;
    }
    if (overtaken.length > 0) {
      const again = await layer.load(inner.name, ids, overtaken.map((i) => wanted[i]!.key));
      // Lost, or shared again, meanwhile: nothing read so far holds, and the vendor answers this one uncached.
      if (again && again.epoch !== epoch) return miss();
      if (again) {
        marks = again.marks;
        for (const [key, entry] of again.entries) entries.set(key, entry);
      }
    }
    const entryAt = (i: number) => inMemory[i] ?? entries.get(wanted[i]!.key);
    /** A shared entry read into memory, so the next lookup here finds it without Redis's copy. */
    const valueAt = (i: number, entry: CacheEntry) =>
      inMemory[i] ? entry.value : epoch !== layer.epoch() ? deepFreeze(entry.value) : store.set(wanted[i]!.key, entry.value, entry.source, entry.dependsOn, entry.stamp);
    const found: Lookup["found"] = [];
    const stale: number[] = [];
    wanted.forEach(({ key }, i) => {
      const entry = entryAt(i);
      const verdict = verdictAt(i, entry);
      if (verdict === "fresh") found[i] = { value: valueAt(i, entry!) };
      else if (verdict === "stale") stale.push(i);
      else if (verdict === "dead" && inMemory[i]) store.delete(key);
    });
    count("hit", found.filter(Boolean).length);
    if (stale.length > 0 && (await validity.revalidate(meter))) {
      for (const i of stale) {
        const entry = entryAt(i);
        if (verdictAt(i, entry) === "fresh") found[i] = { value: valueAt(i, entry!) };
      }
      count("revalidated", stale.filter((i) => found[i]).length);
    }
    count("miss", wanted.length - found.filter(Boolean).length);
    return { found: wanted.map((_, i) => found[i]), marks, epoch };
  }

  /**
   * Stores an answer read under `stamp`, unless it is known dead already (it would only push out a newer entry)
   * or the shared store was lost while it was read; the caller gets it frozen either way, as a hit would be.
   */
  function keep<T>(key: string, value: T, on: Dependency, stamp: ReadStamp, epoch: number, unfiltered = false): T {
    if (epoch !== layer.epoch() || validity.verdict(stamp, on, layer.latest(inner.name)) === "dead") return deepFreeze(value);
    const frozen = store.set(key, value, inner.name, on, stamp);
    if (unfiltered) unfilteredLists?.add(key);
    layer.save(key, { value: frozen, source: inner.name, dependsOn: on, stamp }, unfiltered);
    return frozen;
  }

  /**
   * When the vendor's quota is spent, an answer the cache still holds (expired, but overtaken by no write or
   * change this service knows of) answers instead, flagged in the response's extensions.stale.
   */
  function staleInstead<T>(err: unknown, key: string, on: Dependency, meter: RequestMeter | undefined): T {
    if (!(err instanceof VendorError) || err.code !== ErrorCode.UPSTREAM_QUOTA_EXHAUSTED) throw err;
    // This instance's memory only: what it can vouch for without asking anyone.
    const entry = store.get(key);
    if (!entry || !validity.outlivedOnly(entry.stamp, on, layer.latest(inner.name))) throw err;
    meter?.noteStale({ source: inner.name, ageSeconds: validity.ageSeconds(entry.stamp) });
    return entry.value as T;
  }

  /**
   * One answer through the cache; concurrent misses of the same key share one vendor read, unless it started
   * before a write the new request must see.
   */
  async function through<T>(key: string, filter: CustomerFilter, meter: RequestMeter | undefined, load: () => Promise<T>): Promise<T> {
    const {
      found: [cached],
      marks,
      epoch,
    } = await lookup([{ key, on: LIST }], meter);
    const unfiltered = unfilteredLists && activeFilterFields(filter).length === 0;
    if (cached) {
      // Possibly just taken from the shared level into memory: a write here may carry it over.
      if (unfiltered) unfilteredLists.add(key);
      return cached.value as T;
    }
    // The shared store is lost: the vendor answers, as without a cache.
    if (!marks) return load();
    const read = () => {
      const stamp = validity.stamp(marks.seq);
      const answer = load().then(
        (value) => keep(key, value, LIST, stamp, epoch, unfiltered),
        (err: unknown) => staleInstead<T>(err, key, LIST, meter),
      );
      track(key, stamp, LIST, answer);
      return answer;
    };
    const pending = joinable(key, marks) as Promise<T> | undefined;
    return pending ? pending.catch((err: unknown) => (refusedForItsRequest(err) ? read() : Promise.reject(err))) : read();
  }

  /** Per-customer answers (records, related lists): hits from the cache, the rest in one call of the source. */
  function perCustomer<T>(kind: string, on: (id: string) => Dependency, read: BatchRead<T>): BatchRead<T> {
    return async (ids, shared) => {
      const meter = shared?.meter;
      const unique = [...new Set(ids)];
      const { found: cached, marks, epoch } = await lookup(unique.map((id) => ({ key: keyOf(kind, id), on: on(id) })), meter);
      const found = new Map<string, T | Error>();
      const joined: Array<Promise<void>> = [];
      const missing: string[] = [];
      const readAgain: string[] = [];
      unique.forEach((id, i) => {
        if (cached[i]) return found.set(id, cached[i].value as T);
        const pending = marks && joinable(keyOf(kind, id), marks);
        if (!pending) return missing.push(id);
        const answered = (answer: unknown) => void (refusedForItsRequest(answer) ? readAgain.push(id) : found.set(id, answer as T | Error));
        joined.push(pending.then(answered, (err: unknown) => (refusedForItsRequest(err) ? answered(err) : Promise.reject(err))));
      });
      await Promise.all([...joined, readOwn(missing)]);
      await readOwn(readAgain);
      return ids.map((id) => found.get(id)!);

      /** Reads `wanted` from the vendor for this request, keeps what it may and tells joiners. */
      async function readOwn(wanted: readonly string[]): Promise<void> {
        if (wanted.length === 0) return;
        const stamp = marks && validity.stamp(marks.seq);
        const answers = read(wanted, shared).then((all) =>
          wanted.map((id, i) => {
            const answer = all[i];
            // An error, or no answer at all, is passed on as the source gave it and never stored.
            if (answer instanceof Error) {
              try {
                return staleInstead<T>(answer, keyOf(kind, id), on(id), meter);
              } catch {
                return answer;
              }
            }
            if (answer === undefined) return answer as T | Error;
            return stamp ? keep(keyOf(kind, id), answer, on(id), stamp, epoch) : deepFreeze(answer);
          }),
        );
        wanted.forEach((id, i) => {
          const key = keyOf(kind, id);
          if (stamp) track(key, stamp, on(id), answers.then((all) => all[i]));
        });
        (await answers).forEach((value, i) => found.set(wanted[i]!, value as T | Error));
      }
    };
  }

  /**
   * After a write: numbered and marked (the customer's entries and the vendor's lists dead, for every caller and
   * instance), then the vendor's answer stored as the customer's record for every partition that may see the
   * vendor (what any of them would read next), stamped with the write's own number so that a later write of the
   * same customer kills it in turn. When the write leaves the unfiltered lists in place, those that reflect every
   * earlier write (stamped with the number just before this one), held here or (the most recent) in the shared
   * level, are stored again under this write's number with the answer put in, in memory and in the shared level,
   * where another instance finds them when its own copy is dead. They keep their read's time: the write vouches
   * for its own customer, not for the others.
   */
  const afterWrite: AfterWrite = async (ids, answer, listsInPlace) => {
    const epoch = layer.epoch();
    const seq = await layer.recordWrite(inner.name, ids);
    if (seq === null || answer === undefined) return;
    const id = answer.sourceId;
    for (const partition of scope.partitionsSeeing?.() ?? [scope.partition]) {
      keep(keyIn(partition, "customer", id), answer, { kind: "customer", id }, validity.stamp(seq), epoch);
    }
    if (!listsInPlace || !unfilteredLists) return;
    const carried = (entry: CacheEntry | undefined): entry is CacheEntry => entry?.stamp.writes === seq - 1;
    const held = new Map(unfilteredLists.current().map((key) => [key, store.get(key)]));
    const shared = await layer.sharedUnfilteredLists(inner.name, (key) => !carried(held.get(key)));
    for (const [key, entry] of [...held, ...shared]) {
      if (!carried(entry)) continue;
      keep(key, withRecordReplaced(entry.value, answer), LIST, { writes: seq, startedAt: entry.stamp.startedAt }, epoch, true);
    }
  };

  function cachedPaging(paging: Paging): Paging {
    switch (paging.model) {
      case "FULL_LIST":
        return {
          model: "FULL_LIST",
          listAll: (filter, meter) => through(keyOf("all", filterKey(filter)), filter, meter, () => paging.listAll(filter, meter)),
        };
      case "PAGE_NUMBER":
        return {
          model: "PAGE_NUMBER",
          maxPageSize: paging.maxPageSize,
          listPage: (filter, page, size, meter) =>
            through(keyOf("page", filterKey(filter), page, size), filter, meter, () => paging.listPage(filter, page, size, meter)),
        };
      case "NEXT_CURSOR":
        return {
          model: "NEXT_CURSOR",
          maxLimit: paging.maxLimit,
          listAfter: (filter, cursor, limit, meter) =>
            through(keyOf("after", filterKey(filter), cursor, limit), filter, meter, () => paging.listAfter(filter, cursor, limit, meter)),
        };
    }
  }

  function cachedRelated(calls: NonNullable<Source["relatedCalls"]>): Source["relatedCalls"] {
    const wrap = <T>(kind: RelatedKind, call: RelatedCall<T> | undefined): RelatedCall<T> | undefined =>
      call && perCustomer<T[]>(`related:${kind}`, (id) => ({ kind: "related", id }), call);
    return { contacts: wrap("contacts", calls.contacts), locations: wrap("locations", calls.locations), accounts: wrap("accounts", calls.accounts) };
  }

  return {
    name: inner.name,
    exactFilters: inner.exactFilters,
    ...(inner.listRecordLacks ? { listRecordLacks: inner.listRecordLacks } : {}),
    ...(inner.authCalls ? { authCalls: inner.authCalls } : {}),
    acceptsKey: (id) => inner.acceptsKey(id),
    paging: cachedPaging(inner.paging),
    getCustomers: perCustomer<CustomerRecord | null>("customer", (id) => ({ kind: "customer", id }), (ids, shared) => inner.getCustomers(ids, shared)),
    ...(inner.relatedCalls ? { relatedCalls: cachedRelated(inner.relatedCalls) } : {}),
    ...(inner.writes ? { writes: writeThrough(inner.writes, afterWrite) } : {}),
    ...(inner.freshness ? { freshness: inner.freshness } : {}),
    healthy: () => inner.healthy(),
  };
}
