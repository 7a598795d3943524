import type { Logger } from "pino";
import { maySee, type Caller } from "./auth/caller.js";
import { filterKey } from "./customer-filter.js";
import { customerSequence } from "./customer-sequence.js";
import type { IdCodec } from "./ids.js";
import { createLoaders, type Loaders } from "./loaders.js";
import type { CustomerFilter, CustomerRecord, SourceName } from "./model.js";
import type { CursorCodec } from "./pagination/cursor-codec.js";
import { createPartialErrors, type PartialErrors } from "./partial-errors.js";
import type { RecordSequence } from "./pagination/record-sequence.js";
import type { ResponseCache } from "./sources/cache/response-cache.js";
import type { SharedState } from "./shared-state/shared-state.js";
import type { Source } from "./sources/source.js";

/** What lives as long as the server: configured sources (in Source enum order), codecs, the logger. */
export interface GraphServices {
  sources: ReadonlyMap<SourceName, Source>;
  ids: IdCodec;
  cursors: CursorCodec;
  logger: Logger;
  /** Present when VENDOR_CACHE_TTL_MS is set: each caller's sources then answer from its partition of it. */
  responseCache?: ResponseCache;
  /** State every instance shares (src/shared-state/): Redis when REDIS_URL is set; absent in some tests. */
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
  /** One sequence per source and filter per request, so repeated or aliased lists share vendor calls. */
  sequenceFor(source: Source, filter: CustomerFilter): RecordSequence<CustomerRecord>;
}

export function createContext(services: GraphServices, requestId: string, logger: Logger, caller: Caller): GraphContext {
  const sequences = new Map<string, RecordSequence<CustomerRecord>>();
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
    loaders: createLoaders(sources),
    partialErrors: createPartialErrors(),
    sequenceFor(source, filter) {
      const key = `${source.name}|${filterKey(filter)}`;
      let sequence = sequences.get(key);
      if (!sequence) {
        sequence = customerSequence(source, filter);
        sequences.set(key, sequence);
      }
      return sequence;
    },
  };
}
