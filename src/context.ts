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
  /**
   * Hands what this request learnt of its vendors' whole lists (a whole read's length, an unfiltered page's
   * total, a forward-only list's end) to the estimates of later requests (src/budget/list-sizes.ts).
   */
  noteListLengths(): void;
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
  // The sequences whose length is the vendor's whole list's: the whole lists, and the unfiltered native pages.
  const fullLength: Array<[SourceName, RecordSequence<CustomerRecord>]> = [];
  const wholeListOf = (source: Source) => {
    let list = wholeLists.get(source.name);
    if (!list) {
      wholeLists.set(source.name, (list = wholeListSequence(source, meter)));
      fullLength.push([source.name, list]);
    }
    return list;
  };
  // A source-limited caller gets a context without the other sources, so every list, node lookup, mutation and
  // `sources` answer behaves as if they were not configured: nothing above can reach them by mistake.
  const visible = new Map([...services.sources].filter(([name]) => maySee(caller, name)));
  const sources = services.responseCache?.sourcesFor(caller, visible) ?? visible;
  const own: Omit<GraphContext, Exclude<keyof GraphServices, "sources" | "logger">> = {
    sources,
    logger,
    requestId,
    caller,
    loaders: createLoaders(sources, meter),
    partialErrors: createPartialErrors(),
    meter,
    sequenceFor(source, filter, backward = false) {
      const fromWholeList = backward && source.paging.model === "NEXT_CURSOR";
      const key = `${source.name}|${filterKey(filter)}${fromWholeList ? "|whole" : ""}`;
      let sequence = sequences.get(key);
      if (!sequence) {
        sequence = customerSequence(source, filter, () => wholeListOf(source), { fromWholeList, meter });
        if (source.paging.model !== "FULL_LIST" && !fromWholeList && activeFilterFields(filter).length === 0) {
          fullLength.push([source.name, sequence]);
        }
        sequences.set(key, sequence);
      }
      return sequence;
    },
    noteListLengths() {
      for (const [name, sequence] of fullLength) services.budget.listSizes.note(name, sequence.knownLength?.());
    },
  };
  // Object.assign, not `{ ...services, sources, ... }`: on Node 20's V8, keys written after a spread take a slow
  // path (about 11 us here, once per request; bench/object-spread-cost.ts). The request's own keys win.
  return Object.assign({}, services, own);
}
