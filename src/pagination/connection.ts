import { UserInputError } from "../errors.js";
import type { PageRequest } from "./connection-args.js";
import { FailureTolerantSequence } from "./failure-tolerant-sequence.js";
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
  edges: Edge<T>[];
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
  const placed: Array<{ part: ConnectionPart<T>; offset: number; node: T }> = [];
  let hasNextPage: boolean;
  let hasPreviousPage: boolean;

  if (request.direction === "forward") {
    let index = 0;
    let offset = 0;
    if (request.after !== null) {
      const position = locate(parts, codec.decode(request.after, "after"), "after");
      index = position.index;
      offset = position.offset + 1;
    }
    let remaining = request.count;
    hasNextPage = false;
    for (let i = index; i < parts.length; i++, offset = 0) {
      const part = parts[i]!;
      const { items, more } = await part.sequence.slice(offset, remaining);
      items.forEach((node, j) => placed.push({ part, offset: offset + j, node }));
      remaining -= items.length;
      if (remaining === 0) {
        hasNextPage = more || (await anyRecords(parts.slice(i + 1)));
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
      placed.unshift(...items.map((node, j) => ({ part, offset: start + j, node })));
      remaining -= items.length;
      if (remaining === 0) {
        hasPreviousPage = start > 0 || (await anyRecords(parts.slice(0, i)));
        break;
      }
    }
    hasNextPage = request.before !== null;
  }

  const edges = placed.map(({ part, offset, node }) => ({
    node,
    cursor: codec.encode({ part: part.key, offset, resume: part.sequence.resumeTokenAt?.(offset + 1) }),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: async () => {
      const lengths = await Promise.all(parts.map((p) => p.sequence.lengthIfCheap()));
      return lengths.some((n) => n === null) ? null : lengths.reduce<number>((sum, n) => sum + n!, 0);
    },
  };
}

function locate<T>(parts: ConnectionPart<T>[], position: Position, argument: string) {
  const index = parts.findIndex((p) => p.key === position.part);
  if (index < 0 || !Number.isInteger(position.offset) || position.offset < 0) {
    throw new UserInputError(`${argument} is not a cursor issued for this connection`, [argument]);
  }
  if (position.resume !== undefined) parts[index]!.sequence.acceptResumeToken?.(position.resume);
  return { index, offset: position.offset };
}

/** Whether any of these parts has a record: asks each for one record, in order, until one does. */
async function anyRecords<T>(parts: ConnectionPart<T>[]): Promise<boolean> {
  for (const part of parts) {
    if ((await part.sequence.slice(0, 1)).items.length > 0) return true;
  }
  return false;
}
