import { UserInputError } from "../errors.js";
import type { PageRequest } from "./connection-args.js";
import type { ConnectionPage, Edge, PositionCodec } from "./connection.js";
import { EdgesPageInfo, LazyEdge, type CursorSigner } from "./lazy-edge.js";

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
  return new ArrayPage(items.map(toNode), part, start, length, hasNextPage, hasPreviousPage, codec);
}

/**
 * A class rather than an object literal with getters: a literal allocates a closure per getter per page, and a
 * page of 100 customers makes 100 of these.
 */
class ArrayPage<N> implements ConnectionPage<N>, CursorSigner {
  private edgeList?: Edge<N>[];
  readonly pageInfo: EdgesPageInfo<N>;

  constructor(
    readonly nodes: N[],
    private readonly part: string,
    private readonly start: number,
    private readonly length: number,
    hasNextPage: boolean,
    hasPreviousPage: boolean,
    private readonly codec: () => PositionCodec,
  ) {
    this.pageInfo = new EdgesPageInfo(this, hasNextPage, hasPreviousPage);
  }

  get edges(): Edge<N>[] {
    return (this.edgeList ??= this.nodes.map((node, j) => new LazyEdge(this, node, j)));
  }

  cursorAt(index: number): string {
    return this.codec().encode({ part: this.part, offset: this.start + index, resume: undefined, length: this.length });
  }

  totalCount(): Promise<number | null> {
    return Promise.resolve(this.length);
  }
}

function locate(codec: PositionCodec, cursor: string, argument: string, part: string): number {
  const position = codec.decode(cursor, argument);
  if (position.part !== part || !Number.isInteger(position.offset) || position.offset < 0) {
    throw new UserInputError(`${argument} is not a cursor issued for this connection`, [argument]);
  }
  return position.offset;
}
