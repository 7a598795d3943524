import { currentMeter } from "../../budget/meter-scope.js";
import { filterKey } from "../../customer-filter.js";
import { ErrorCode, VendorError } from "../../errors.js";
import { cacheLookups } from "../../metrics/cache-metrics.js";
import type { CustomerRecord, RelatedKind } from "../../model.js";
import type { RequestLimit } from "../bounded-batch.js";
import type { Paging, RelatedCall, Source } from "../source.js";
import { deepFreeze } from "./deep-freeze.js";
import { invalidatingWrites } from "./invalidating-writes.js";
import type { ResponseStore } from "./response-store.js";
import type { Dependency, ReadStamp, VendorValidity } from "./vendor-validity.js";

/** Where a cached source keeps its answers: the shared store, its vendor's validity, and its caller partition. */
export interface CacheScope {
  store: ResponseStore;
  validity: VendorValidity;
  /** The caller fingerprint: a key of one partition never equals a key of another. */
  partition: string;
}

type BatchRead<T> = (ids: readonly string[], shared?: RequestLimit) => Promise<Array<T | Error>>;

const LIST: Dependency = { kind: "list" };
const RELATED: Dependency = { kind: "related" };

/**
 * A Source that answers reads from the response cache: lists (per filter and page, cursor or limit), customer
 * records (per customer, whichever batch read them) and related lists (per customer). Vendor errors are never
 * stored, so a failure reaches the caller exactly as without the cache. Writes go straight to the vendor and then
 * invalidate the vendor's entries for every caller, whatever the write's outcome (an unknown one included).
 */
export function cachedSource(inner: Source, scope: CacheScope): Source {
  const { store, validity } = scope;
  const keyOf = (...parts: unknown[]) => JSON.stringify([scope.partition, inner.name, ...parts]);
  const inflight = new Map<string, { stamp: ReadStamp; answer: Promise<unknown> }>();
  const count = (result: "hit" | "revalidated" | "miss", n = 1) => {
    if (n > 0) cacheLookups.inc({ source: inner.name, result }, n);
  };

  /** The cached answers that still hold, in order; one change check at most for all the stale ones. */
  async function lookup(wanted: ReadonlyArray<{ key: string; on: Dependency }>): Promise<Array<{ value: unknown } | undefined>> {
    const found: Array<{ value: unknown } | undefined> = [];
    const stale: number[] = [];
    wanted.forEach(({ key, on }, i) => {
      const entry = store.get(key);
      const verdict = entry && validity.verdict(entry.stamp, on);
      if (verdict === "fresh") found[i] = { value: entry!.value };
      else if (verdict === "stale") stale.push(i);
      else if (verdict === "dead") store.delete(key);
    });
    count("hit", found.filter(Boolean).length);
    if (stale.length > 0 && (await validity.revalidate())) {
      for (const i of stale) {
        const entry = store.get(wanted[i]!.key);
        if (entry && validity.verdict(entry.stamp, wanted[i]!.on) === "fresh") found[i] = { value: entry.value };
      }
      count("revalidated", stale.filter((i) => found[i]).length);
    }
    count("miss", wanted.length - found.filter(Boolean).length);
    return wanted.map((_, i) => found[i]);
  }

  /**
   * Stores an answer read under `stamp`, unless a write has made it dead already (it would only push out a newer
   * entry); the caller gets it frozen either way, as a hit would be.
   */
  function keep<T>(key: string, value: T, on: Dependency, stamp: ReadStamp): T {
    return validity.verdict(stamp, on) === "dead" ? deepFreeze(value) : store.set(key, value, inner.name, on, stamp);
  }

  /**
   * When the vendor's quota is spent, an answer the cache still holds (expired, but overtaken by no write or
   * change this service knows of) answers instead, flagged in the response's extensions.stale.
   */
  function staleInstead<T>(err: unknown, key: string, on: Dependency): T {
    if (!(err instanceof VendorError) || err.code !== ErrorCode.UPSTREAM_QUOTA_EXHAUSTED) throw err;
    const entry = store.get(key);
    if (!entry || !validity.outlivedOnly(entry.stamp, on)) throw err;
    currentMeter()?.noteStale({ source: inner.name, ageSeconds: validity.ageSeconds(entry.stamp) });
    return entry.value as T;
  }

  /**
   * One answer through the cache; concurrent misses of the same key share one vendor read, unless it started
   * before a write the new request must see.
   */
  async function through<T>(key: string, load: () => Promise<T>): Promise<T> {
    const [cached] = await lookup([{ key, on: LIST }]);
    if (cached) return cached.value as T;
    const pending = inflight.get(key);
    if (pending && validity.verdict(pending.stamp, LIST) === "fresh") return pending.answer as Promise<T>;
    const stamp = validity.stamp();
    const answer = load()
      .then(
        (value) => keep(key, value, LIST, stamp),
        (err: unknown) => staleInstead<T>(err, key, LIST),
      )
      .finally(() => {
        if (inflight.get(key)?.answer === answer) inflight.delete(key);
      });
    inflight.set(key, { stamp, answer });
    return answer;
  }

  /** Per-customer answers (records, related lists): hits from the cache, the rest in one call of the source. */
  function perCustomer<T>(kind: string, on: (id: string) => Dependency, read: BatchRead<T>): BatchRead<T> {
    return async (ids, shared) => {
      const unique = [...new Set(ids)];
      const cached = await lookup(unique.map((id) => ({ key: keyOf(kind, id), on: on(id) })));
      const found = new Map<string, T | Error>();
      const missing: string[] = [];
      unique.forEach((id, i) => (cached[i] ? found.set(id, cached[i].value as T) : missing.push(id)));
      if (missing.length > 0) {
        const stamp = validity.stamp();
        const answers = await read(missing, shared);
        missing.forEach((id, i) => {
          const answer = answers[i];
          // An error, or no answer at all, is passed on as the source gave it and never stored.
          if (answer instanceof Error) {
            try {
              found.set(id, staleInstead<T>(answer, keyOf(kind, id), on(id)));
            } catch {
              found.set(id, answer);
            }
          } else if (answer === undefined) found.set(id, answer as T | Error);
          else found.set(id, keep(keyOf(kind, id), answer, on(id), stamp));
        });
      }
      return ids.map((id) => found.get(id)!);
    };
  }

  function cachedPaging(paging: Paging): Paging {
    switch (paging.model) {
      case "FULL_LIST":
        return { model: "FULL_LIST", listAll: (filter) => through(keyOf("all", filterKey(filter)), () => paging.listAll(filter)) };
      case "PAGE_NUMBER":
        return {
          model: "PAGE_NUMBER",
          maxPageSize: paging.maxPageSize,
          listPage: (filter, page, size) =>
            through(keyOf("page", filterKey(filter), page, size), () => paging.listPage(filter, page, size)),
        };
      case "NEXT_CURSOR":
        return {
          model: "NEXT_CURSOR",
          maxLimit: paging.maxLimit,
          listAfter: (filter, cursor, limit) =>
            through(keyOf("after", filterKey(filter), cursor, limit), () => paging.listAfter(filter, cursor, limit)),
        };
    }
  }

  function cachedRelated(calls: NonNullable<Source["relatedCalls"]>): Source["relatedCalls"] {
    const wrap = <T>(kind: RelatedKind, call: RelatedCall<T> | undefined): RelatedCall<T> | undefined =>
      call && perCustomer<T[]>(`related:${kind}`, () => RELATED, call);
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
    ...(inner.writes ? { writes: invalidatingWrites(inner.writes, validity) } : {}),
    ...(inner.freshness ? { freshness: inner.freshness } : {}),
    healthy: () => inner.healthy(),
  };
}
