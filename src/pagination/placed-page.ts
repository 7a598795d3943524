import type { ConnectionPage, ConnectionPart, Edge, PositionCodec } from "./connection.js";

/** Consecutive records of a page from one part (never none): `items[j]` sits at `start + j` in that part. */
export interface PlacedRun<T> {
  part: ConnectionPart<T>;
  start: number;
  items: T[];
}

/**
 * The page `paginate` answers, as runs of records rather than one object per record: a query that selects
 * `nodes` (most do) gets the records without an edge, a position or a cursor closure being made for any of them,
 * which were a twentieth of what a page of 100 names allocated. Edges are built when first read, and each
 * signs its cursor only when that is read (an HMAC each).
 */
export class PlacedPage<T> implements ConnectionPage<T> {
  private edgeList?: Edge<T>[];
  private readonly lengths = new Map<ConnectionPart<T>, number | undefined>();
  readonly pageInfo: PlacedPageInfo<T>;

  constructor(
    private readonly runs: PlacedRun<T>[],
    private readonly parts: ConnectionPart<T>[],
    private readonly codec: PositionCodec,
    hasNextPage: boolean,
    hasPreviousPage: boolean,
  ) {
    // The lengths the cursors carry are those known when the page was made, as the page's reads left them.
    for (const { part } of runs) if (!this.lengths.has(part)) this.lengths.set(part, part.sequence.knownLength?.() ?? undefined);
    this.pageInfo = new PlacedPageInfo(this, hasNextPage, hasPreviousPage);
  }

  get nodes(): T[] {
    return this.runs.length === 1 ? this.runs[0]!.items : this.runs.flatMap((run) => run.items);
  }

  get edges(): Edge<T>[] {
    return (this.edgeList ??= this.runs.flatMap((run) => run.items.map((node, j) => new PlacedEdge(this, node, run, run.start + j))));
  }

  cursorAt(run: PlacedRun<T>, offset: number): string {
    const { part } = run;
    return this.codec.encode({ part: part.key, offset, resume: part.sequence.resumeTokenAt?.(offset + 1), length: this.lengths.get(part) });
  }

  async totalCount(): Promise<number | null> {
    const lengths = await Promise.all(this.parts.map((p) => p.sequence.lengthIfCheap()));
    return lengths.some((n) => n === null) ? null : lengths.reduce<number>((sum, n) => sum + n!, 0);
  }
}

class PlacedPageInfo<T> {
  constructor(
    private readonly page: PlacedPage<T>,
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {}

  get startCursor(): string | null {
    return this.page.edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.page.edges.at(-1)?.cursor ?? null;
  }
}

class PlacedEdge<T> implements Edge<T> {
  private signed?: string;

  constructor(
    private readonly page: PlacedPage<T>,
    readonly node: T,
    private readonly run: PlacedRun<T>,
    private readonly offset: number,
  ) {}

  get cursor(): string {
    return (this.signed ??= this.page.cursorAt(this.run, this.offset));
  }
}
