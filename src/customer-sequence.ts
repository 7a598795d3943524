import pLimit from "p-limit";
import { activeFilterFields, matchesFilter } from "./customer-filter.js";
import type { CustomerFilter, CustomerRecord } from "./model.js";
import { ArraySequence } from "./pagination/array-sequence.js";
import { NextCursorSequence } from "./pagination/next-cursor-sequence.js";
import { PageNumberSequence } from "./pagination/page-number-sequence.js";
import type { RecordSequence } from "./pagination/record-sequence.js";
import type { Paging, Source } from "./sources/source.js";

/**
 * One source's customers under a filter, as a sequence the connection code can window. The vendor pages
 * natively when it applies every filter that is set exactly; otherwise we must filter locally, and a local
 * filter over a paged vendor only works over the whole list, so it is read entirely (still narrowed by
 * whatever the vendor can filter).
 */
export function customerSequence(source: Source, filter: CustomerFilter): RecordSequence<CustomerRecord> {
  const paging = source.paging;
  const exact = activeFilterFields(filter).every((f) => source.exactFilters.has(f));
  const keep = (records: CustomerRecord[]) => records.filter((r) => matchesFilter(r, filter));
  switch (paging.model) {
    case "FULL_LIST":
      return new ArraySequence(async () => keep(await paging.listAll(filter)));
    case "PAGE_NUMBER":
      return exact
        ? new PageNumberSequence((page, size) => paging.listPage(filter, page, size), paging.maxPageSize)
        : new ArraySequence(async () => keep(await readAllPages(paging, filter)));
    case "NEXT_CURSOR":
      return exact
        ? new NextCursorSequence((cursor, limit) => paging.listAfter(filter, cursor, limit), paging.maxLimit)
        : new ArraySequence(async () => keep(await readAllCursorPages(paging, filter)));
    default: {
      const never: never = paging;
      throw new Error(`unknown paging ${JSON.stringify(never)}`);
    }
  }
}

const FULL_READ_CONCURRENCY = 4;

async function readAllPages(paging: Extract<Paging, { model: "PAGE_NUMBER" }>, filter: CustomerFilter) {
  const first = await paging.listPage(filter, 1, paging.maxPageSize);
  const pageCount = Math.ceil(first.totalCount / paging.maxPageSize);
  // Bounded, so reading a long list cannot flood the vendor (or our sockets) with hundreds of calls at once.
  const limit = pLimit(FULL_READ_CONCURRENCY);
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) =>
      limit(() => paging.listPage(filter, i + 2, paging.maxPageSize)),
    ),
  );
  return [first, ...rest].flatMap((p) => p.records);
}

async function readAllCursorPages(paging: Extract<Paging, { model: "NEXT_CURSOR" }>, filter: CustomerFilter) {
  const records: CustomerRecord[] = [];
  let cursor: string | null = null;
  do {
    const page: { records: CustomerRecord[]; nextCursor: string | null } = await paging.listAfter(filter, cursor, paging.maxLimit);
    records.push(...page.records);
    cursor = page.records.length > 0 ? page.nextCursor : null;
  } while (cursor !== null);
  return records;
}
