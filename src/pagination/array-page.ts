import { UserInputError } from "../errors.js";
import type { PageRequest } from "./connection-args.js";
import type { ConnectionPage, Edge, PositionCodec } from "./connection.js";

/**
 * The page `paginate` would answer for one part over a list already in memory (a customer's contacts or
 * locations), worked out synchronously: a page of 100 customers asks for 100 of these, and as promises (a
 * sequence read, a plan of reads, a slice) each would cost a chain of microtasks and its garbage for nothing to
 * wait on. Only the page's records are mapped by `toNode`; cursors, edges and the codec are made only when read.
 * The same positions, cursors, flags and errors as `paginate` (test/pagination/array-page.test.ts holds them
 * together).
 */
export function pageOfArray<R, N>(
  records: readonly R[],
  part: string,
  request: PageRequest,
  codec: () => PositionCodec,
  toNode: (record: R) => N,
): ConnectionPage<N> {
  const length = records.length;
  let start: number;
  let items: readonly R[];
  let hasNextPage: boolean;
  let hasPreviousPage: boolean;
  if (request.direction === "forward") {
    start = request.after === null ? 0 : locate(codec(), request.after, "after", part) + 1;
    items = records.slice(start, start + request.count);
    // paginate: a full page has a next one when anything follows it; a short page has none.
    hasNextPage = items.length === request.count && start + request.count < length;
    hasPreviousPage = request.after !== null;
  } else {
    const stop = request.before === null ? length : locate(codec(), request.before, "before", part);
    start = Math.max(0, stop - request.count);
    items = records.slice(start, stop);
    hasPreviousPage = items.length === request.count && start > 0;
    hasNextPage = request.before !== null;
  }
  const nodes = items.map(toNode);
  let edges: Edge<N>[] | undefined;
  const edgesOf = () =>
    (edges ??= nodes.map((node, j) => {
      let cursor: string | undefined;
      return {
        node,
        get cursor() {
          return (cursor ??= codec().encode({ part, offset: start + j, resume: undefined, length }));
        },
      };
    }));
  return {
    get edges() {
      return edgesOf();
    },
    nodes,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      get startCursor() {
        return edgesOf()[0]?.cursor ?? null;
      },
      get endCursor() {
        return edgesOf().at(-1)?.cursor ?? null;
      },
    },
    totalCount: () => Promise.resolve(length),
  };
}

function locate(codec: PositionCodec, cursor: string, argument: string, part: string): number {
  const position = codec.decode(cursor, argument);
  if (position.part !== part || !Number.isInteger(position.offset) || position.offset < 0) {
    throw new UserInputError(`${argument} is not a cursor issued for this connection`, [argument]);
  }
  return position.offset;
}
