import pLimit from "p-limit";
import type { RequestMeter } from "./budget/request-meter.js";
import { activeFilterFields, matchesFilter } from "./customer-filter.js";
import type { CustomerFilter, CustomerRecord } from "./model.js";
import { ArraySequence } from "./pagination/array-sequence.js";
import { NextCursorSequence } from "./pagination/next-cursor-sequence.js";
import { PageNumberSequence } from "./pagination/page-number-sequence.js";
import type { RecordSequence } from "./pagination/record-sequence.js";
import type { Paging, Source } from "./sources/source.js";

/**
 * One source's customers under a filter, as a sequence the connection code can window. A paged vendor pages
 * natively when it applies every filter that is set exactly. Otherwise the filter is applied here, over
 * `whole`: the vendor's whole list, which a request reads at most once whatever its filters and aliases (see
 * context.ts), so thirty differently filtered lists of one vendor cost one whole read, not thirty. A FULL_LIST
 * vendor answers everything from that one list too: its every read is the whole list anyway. `fromWholeList`
 * asks for that view whatever the filter: a backward page of a forward-only vendor reads the list to its end
 * anyway, and so shares the one read too. `meter`: the request's, which every vendor call it makes is charged to.
 */
export function customerSequence(
  source: Source,
  filter: CustomerFilter,
  whole: () => RecordSequence<CustomerRecord>,
  options: { fromWholeList?: boolean; meter?: RequestMeter } = {},
): RecordSequence<CustomerRecord> {
  const { meter } = options;
  const paging = source.paging;
  const active = activeFilterFields(filter);
  if (active.length === 0 && (paging.model === "FULL_LIST" || options.fromWholeList)) return whole();
  const exact = !options.fromWholeList && active.every((f) => source.exactFilters.has(f));
  if (exact && paging.model === "PAGE_NUMBER") {
    return new PageNumberSequence((page, size) => paging.listPage(filter, page, size, meter), paging.maxPageSize);
  }
  if (exact && paging.model === "NEXT_CURSOR") {
    return new NextCursorSequence((cursor, limit) => paging.listAfter(filter, cursor, limit, meter), paging.maxLimit);
  }
  return new ArraySequence(async () => (await allOf(whole())).filter((r) => matchesFilter(r, filter)));
}

/** The vendor's whole, unfiltered list, read in as few calls as its paging allows; `meter`: charged for its calls. */
export function wholeListSequence(source: Source, meter: RequestMeter | undefined): ArraySequence<CustomerRecord> {
  const paging = source.paging;
  const read = () => {
    switch (paging.model) {
      case "FULL_LIST":
        return paging.listAll({}, meter);
      case "PAGE_NUMBER":
        return readAllPages(paging, meter);
      case "NEXT_CURSOR":
        return readAllCursorPages(paging, meter);
      default: {
        const never: never = paging;
        throw new Error(`unknown paging ${JSON.stringify(never)}`);
      }
    }
  };
  return new ArraySequence(read);
}

export async function allOf<T>(sequence: RecordSequence<T>): Promise<T[]> {
  return (await sequence.slice(0, Number.MAX_SAFE_INTEGER)).items;
}

const FULL_READ_CONCURRENCY = 4;

async function readAllPages(paging: Extract<Paging, { model: "PAGE_NUMBER" }>, meter: RequestMeter | undefined) {
  const first = await paging.listPage({}, 1, paging.maxPageSize, meter);
  const pageCount = Math.ceil(first.totalCount / paging.maxPageSize);
  // Bounded, so reading a long list cannot flood the vendor (or our sockets) with hundreds of calls at once.
  const limit = pLimit(FULL_READ_CONCURRENCY);
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => limit(() => paging.listPage({}, i + 2, paging.maxPageSize, meter))),
  );
  return [first, ...rest].flatMap((p) => p.records);
}

async function readAllCursorPages(paging: Extract<Paging, { model: "NEXT_CURSOR" }>, meter: RequestMeter | undefined) {
  const records: CustomerRecord[] = [];
  let cursor: string | null = null;
  do {
    const page: { records: CustomerRecord[]; nextCursor: string | null } = await paging.listAfter({}, cursor, paging.maxLimit, meter);
    records.push(...page.records);
    cursor = page.records.length > 0 ? page.nextCursor : null;
  } while (cursor !== null);
  return records;
}
