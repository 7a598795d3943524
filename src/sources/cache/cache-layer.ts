import type { SourceName } from "../../model.js";
import type { CacheEntry } from "./response-store.js";
import { LocalWriteMarks, type WriteMarks } from "./write-marks.js";

/** What a lookup learns from the layer: the vendor's write marks and the entries it holds that memory lacked. */
export interface Loaded {
  marks: WriteMarks;
  /** The layer's epoch when the marks were read: an answer stamped with them is stored only in that epoch. */
  epoch: number;
  entries: ReadonlyMap<string, CacheEntry>;
}

/**
 * Where the write marks (and, when shared, a second level of entries) live: this process, or Redis for every
 * instance. The response store in memory is the first level either way.
 */
export interface CacheLayer {
  /** Whether the layer holds entries of its own (the shared level), worth asking for an entry memory has dead. */
  readonly holdsEntries: boolean;
  /** The vendor's marks for `ids` and the layer's entries for `keys`; null while the shared store is lost. */
  load(source: SourceName, ids: readonly string[], keys: readonly string[]): Promise<Loaded | null>;
  /** The marks as this process last knew them, to skip storing an answer already known dead. */
  latest(source: SourceName): WriteMarks;
  /**
   * Numbers a write through the graph and marks what it changed: these customers (or everything) and the
   * vendor's lists. The write's number, or null when it could not be recorded for every instance.
   */
  recordWrite(source: SourceName, ids: readonly string[] | "all"): Promise<number | null>;
  /**
   * Offers an entry to the layer's own level (the shared one); nothing in process. An unfiltered list of a
   * vendor whose writes leave such lists in place is also listed there, for a writer on another instance to
   * carry it over (`sharedUnfilteredLists`).
   */
  save(key: string, entry: CacheEntry, unfilteredList?: boolean): void;
  /**
   * The vendor's unfiltered lists in the shared level that `wanted` asks for, among the most recently stored:
   * what a write that leaves them in place carries over besides what this instance holds. None in process.
   */
  sharedUnfilteredLists(source: SourceName, wanted: (key: string) => boolean): Promise<ReadonlyMap<string, CacheEntry>>;
  /**
   * Changes whenever the shared store is lost and again once it is shared again (a restarted Redis numbers
   * writes afresh): an answer read under an older epoch is never stored.
   */
  epoch(): number;
}

const NOTHING: ReadonlyMap<string, CacheEntry> = new Map();

/** The in-process layer: marks in memory, no second level. */
export function localCacheLayer(sources: readonly SourceName[]): CacheLayer {
  const marks = new Map(sources.map((name) => [name, new LocalWriteMarks()]));
  const of = (source: SourceName) => marks.get(source)!;
  return {
    holdsEntries: false,
    load: async (source) => ({ marks: of(source), epoch: 0, entries: NOTHING }),
    latest: of,
    async recordWrite(source, ids) {
      of(source).record(ids);
      return of(source).seq;
    },
    save: () => {},
    sharedUnfilteredLists: async () => NOTHING,
    epoch: () => 0,
  };
}
