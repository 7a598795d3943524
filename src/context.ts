import type { Logger } from "pino";
import { maySee, type Caller } from "./auth/caller.js";
import { activeFilterFields, filterKey } from "./customer-filter.js";
import type { VendorBudget } from "./budget/vendor-budget.js";
import type { RequestMeter } from "./budget/request-meter.js";
import { customerSequence, wholeListSequence } from "./customer-sequence.js";
import type { IdCodec } from "./ids.js";
import { createLoaders, type Loaders } from "./loaders.js";
import type { CustomerFilter, CustomerRecord, SourceName } from "./model.js";
import type { CursorCodec } from "./pagination/cursor-codec.js";
import { createPartialErrors, type PartialErrors } from "./partial-errors.js";
import type { RecordSequence } from "./pagination/record-sequence.js";
import type { ResponseCache } from "./sources/cache/response-cache.js";
import type { SharedState } from "./state/shared-state.js";
import type { Source } from "./sources/source.js";

/** What lives as long as the server: configured sources (in Source enum order), codecs, the logger. */
export interface GraphServices {
  sources: ReadonlyMap<SourceName, Source>;
  ids: IdCodec;
  cursors: CursorCodec;
  logger: Logger;
  /** Present when VENDOR_CACHE_TTL_MS is set: each caller's sources then answer from its partition of it. */
  responseCache?: ResponseCache;
  /** The bounds on vendor calls: per request, per caller, per vendor-day (src/budget/). */
  budget: VendorBudget;
  /** State every instance shares (src/state/): Redis when REDIS_URL is set; absent in some tests. */
  sharedState?: SharedState;
}

/** What lives for one request; nothing here is shared between requests or callers. */
export interface GraphContext extends GraphServices {
  requestId: string;
  /** Who is calling; `sources` above holds only the sources this caller may see. */
  caller: Caller;
  loaders: Loaders;
  /** Vendor errors of fields that still answered (see partial-errors.ts). */
  partialErrors: PartialErrors;
  /**
   * This request's vendor calls, counted as they are made (src/budget/request-meter.ts). The context hands it
   * to every vendor call it starts (loaders, sequences), and the mutations to theirs. Absent only where nothing
   * is accounted (the bench's variant without the vendor budget): calls are then counted and refused by nothing.
   */
  meter?: RequestMeter;
  /**
   * One sequence per source and filter per request, so repeated or aliased lists share vendor calls. `backward`:
   * for a backward page, which a forward-only vendor answers from its whole list (read once per request).
   */
  sequenceFor(source: Source, filter: CustomerFilter, backward?: boolean): RecordSequence<CustomerRecord>;
}

export function createContext(
  services: GraphServices,
  requestId: string,
  logger: Logger,
  caller: Caller,
  meter: RequestMeter | undefined,
): GraphContext {
  const sequences = new Map<string, RecordSequence<CustomerRecord>>();
  // Each vendor's whole list, read at most once per request whatever the filters and aliases that need it.
  const wholeLists = new Map<SourceName, RecordSequence<CustomerRecord>>();
  const { listSizes } = services.budget;
  const wholeListOf = (source: Source) => {
    let list = wholeLists.get(source.name);
    if (!list) wholeLists.set(source.name, (list = wholeListSequence(source, meter, (n) => listSizes.note(source.name, n))));
    return list;
  };
  // A source-limited caller gets a context without the other sources, so every list, node lookup, mutation and
  // `sources` answer behaves as if they were not configured: nothing above can reach them by mistake.
  const visible = new Map([...services.sources].filter(([name]) => maySee(caller, name)));
  const sources = services.responseCache?.sourcesFor(caller, visible) ?? visible;
  return {
    ...services,
    sources,
    logger,
    requestId,
    caller,
    loaders: createLoaders(sources, meter),
    partialErrors: createPartialErrors(),
    ...(meter ? { meter } : {}),
    sequenceFor(source, filter, backward = false) {
      const fromWholeList = backward && source.paging.model === "NEXT_CURSOR";
      const key = `${source.name}|${filterKey(filter)}${fromWholeList ? "|whole" : ""}`;
      let sequence = sequences.get(key);
      if (!sequence) {
        const plain = customerSequence(source, filter, () => wholeListOf(source), { fromWholeList, meter });
        // An unfiltered paged read tells the list's length too (a page's total, a forward-only list's end).
        const paged = source.paging.model !== "FULL_LIST" && !fromWholeList && activeFilterFields(filter).length === 0;
        sequence = paged ? noteLength(plain, (n) => listSizes.note(source.name, n)) : plain;
        sequences.set(key, sequence);
      }
      return sequence;
    },
  };
}

/** The sequence, reporting its length to `note` whenever a read has taught it. */
function noteLength<T>(sequence: RecordSequence<T>, note: (length: number | null) => void): RecordSequence<T> {
  const report = <R>(answer: R) => {
    note(sequence.knownLength?.() ?? null);
    return answer;
  };
  return {
    slice: (offset, count) => sequence.slice(offset, count).then(report),
    length: () => sequence.length().then(report),
    lengthIfCheap: () => sequence.lengthIfCheap().then(report),
    knownLength: () => sequence.knownLength?.() ?? null,
    ...(sequence.resumeTokenAt ? { resumeTokenAt: (offset: number) => sequence.resumeTokenAt!(offset) } : {}),
    ...(sequence.acceptResumeToken ? { acceptResumeToken: (token: unknown) => sequence.acceptResumeToken!(token) } : {}),
  };
}
