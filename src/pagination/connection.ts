import { UserInputError } from "../errors.js";
import type { PageRequest } from "./connection-args.js";
import { FailureTolerantSequence } from "./failure-tolerant-sequence.js";
import { PlacedPage, type PlacedRun } from "./placed-page.js";
import type { RecordSequence } from "./record-sequence.js";

/** One run of records in a connection; a connection over several sources is their concatenation, in order. */
export interface ConnectionPart<T> {
  key: string;
  sequence: RecordSequence<T>;
}

/** Where an edge sits: which part, its position in that part, and (forward-only vendors) how to resume after it. */
export interface Position {
  part: string;
  offset: number;
  resume?: unknown;
  /**
   * The part's length when the cursor was issued, where it was known: lets the next page tell in advance that
   * it will run past this part's end, and read the next part at the same time. Only a hint: if the list has
   * changed since, the page is still exact, at the price of a call.
   */
  length?: number;
}

export interface PositionCodec {
  encode(position: Position): string;
  /** Throws BAD_USER_INPUT naming `argument` for a cursor this connection did not issue. */
  decode(cursor: string, argument: string): Position;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionPage<T> {
  readonly edges: Edge<T>[];
  /** The edges' nodes, where the page has them without building its edges (pageOfArray). */
  readonly nodes?: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Computed only when asked for: it may cost a vendor call (a page-numbered vendor's total). */
  totalCount(): Promise<number | null>;
}

/**
 * Relay connection math over a concatenation of record sequences (https://relay.dev/graphql/connections.htm).
 * Forward pages read only from the `after` position on; backward pages read only what precedes `before`, and
 * need the lengths of the parts they end in. hasNextPage (forward) and hasPreviousPage (backward) are exact; the
 * other direction's flag is true exactly when a cursor was given, since the record it names lies that way.
 */
export async function paginate<T>(
  allParts: ConnectionPart<T>[],
  request: PageRequest,
  codec: PositionCodec,
  options: { onPartFailure?: (part: string, error: unknown) => boolean } = {},
): Promise<ConnectionPage<T>> {
  // A part's failure may cost only that part (when the caller accepts the error). That holds for a lone part
  // too: the connection is non-null in the schema, so failing it would null the whole response, and with it
  // every other vendor's data asked for in the same operation (e.g. one alias per vendor).
  const { onPartFailure } = options;
  const parts = onPartFailure
    ? allParts.map((p) => ({ key: p.key, sequence: new FailureTolerantSequence(p.sequence, (e) => onPartFailure(p.key, e)) }))
    : allParts;
  const runs: PlacedRun<T>[] = [];
  let hasNextPage: boolean;
  let hasPreviousPage: boolean;

  if (request.direction === "forward") {
    let index = 0;
    let offset = 0;
    let hintedLength: number | undefined;
    if (request.after !== null) {
      const position = locate(parts, codec.decode(request.after, "after"), "after");
      index = position.index;
      offset = position.offset + 1;
      hintedLength = position.length;
    }
    const reads = planForwardReads(parts, index, offset, request.count, hintedLength);
    let remaining = request.count;
    hasNextPage = false;
    for (let i = index; i < parts.length; i++, offset = 0) {
      const part = parts[i]!;
      const { items, more } = await reads.slice(i, offset, remaining);
      if (items.length > 0) runs.push({ part, start: offset, items });
      remaining -= items.length;
      if (remaining === 0) {
        hasNextPage = more || (await anyRecords(parts, i + 1, reads));
        break;
      }
    }
    hasPreviousPage = request.after !== null;
  } else {
    let index = parts.length - 1;
    let end: number | null = null;
    if (request.before !== null) {
      const position = locate(parts, codec.decode(request.before, "before"), "before");
      index = position.index;
      end = position.offset;
    }
    let remaining = request.count;
    hasPreviousPage = false;
    for (let i = index; i >= 0; i--) {
      const part = parts[i]!;
      const stop = end ?? (await part.sequence.length());
      end = null;
      const start = Math.max(0, stop - remaining);
      const { items } = await part.sequence.slice(start, stop - start);
      if (items.length > 0) runs.unshift({ part, start, items });
      remaining -= items.length;
      if (remaining === 0) {
        hasPreviousPage = start > 0 || (await anyRecords(parts.slice(0, i), 0));
        break;
      }
    }
    hasNextPage = request.before !== null;
  }

  return new PlacedPage(runs, parts, codec, hasNextPage, hasPreviousPage);
}

function locate<T>(parts: ConnectionPart<T>[], position: Position, argument: string) {
  const index = parts.findIndex((p) => p.key === position.part);
  if (index < 0 || !Number.isInteger(position.offset) || position.offset < 0) {
    throw new UserInputError(`${argument} is not a cursor issued for this connection`, [argument]);
  }
  if (position.resume !== undefined) parts[index]!.sequence.acceptResumeToken?.(position.resume);
  return { index, offset: position.offset, length: position.length };
}

/**
 * Whether any of the parts from `from` on has a record: asks each for one record, in order, until one does
 * (using a read the page started already where there is one).
 */
async function anyRecords<T>(parts: ConnectionPart<T>[], from: number, reads?: ForwardReads<T>): Promise<boolean> {
  for (let i = from; i < parts.length; i++) {
    const { items } = reads ? await reads.slice(i, 0, 1) : await parts[i]!.sequence.slice(0, 1);
    if (items.length > 0) return true;
  }
  return false;
}

type Slice<T> = { items: T[]; more: boolean };

/** The reads of a forward page, some started in advance; `slice` answers from one of those when it covers. */
interface ForwardReads<T> {
  slice(part: number, offset: number, count: number): Promise<Slice<T>>;
}

/**
 * A forward page reads its parts in order, but a part known to end inside the page (its length from this
 * request, or carried by the `after` cursor) means the page continues in the next part: that read starts now,
 * with the first, sized for the rest of the page, so a page across vendors costs one round trip instead of one
 * per vendor. A page known to end exactly at a part's end starts the next part's one-record probe (hasNextPage)
 * the same way. Where no length is known nothing is started early, so no call is made that the page may not
 * need; a stale length costs at most a read the page then does not use, and the page stays exact.
 */
function planForwardReads<T>(
  parts: ConnectionPart<T>[],
  index: number,
  offset: number,
  count: number,
  hintedLength: number | undefined,
): ForwardReads<T> {
  const started = new Map<number, { offset: number; count: number; answer: Promise<Slice<T>> }>();
  const start = (i: number, from: number, n: number) => {
    const answer = parts[i]!.sequence.slice(from, n);
    // An early read the page ends up not awaiting must not surface as an unhandled rejection.
    answer.catch(() => {});
    started.set(i, { offset: from, count: n, answer });
  };
  let remaining = count;
  for (let i = index, from = offset; i < parts.length && remaining > 0; i++, from = 0) {
    // What this request has read is the truth; a cursor's length is what it was when the cursor was issued.
    const known = parts[i]!.sequence.knownLength?.() ?? (i === index ? (hintedLength ?? null) : null);
    if (i > index) start(i, from, remaining);
    if (known === null) break;
    const available = Math.max(0, known - from);
    if (available > remaining) break;
    if (available === remaining) {
      if (i + 1 < parts.length) start(i + 1, 0, 1);
      break;
    }
    remaining -= available;
  }
  return {
    async slice(i, from, n) {
      const early = started.get(i);
      if (early && early.offset === from) {
        const { items, more } = await early.answer;
        if (n <= early.count || !more) return { items: items.slice(0, n), more: more || items.length > n };
      }
      return parts[i]!.sequence.slice(from, n);
    },
  };
}
