import type { ConnectionPage, ConnectionPart, Edge, PositionCodec } from "./connection.js";
import { EdgesPageInfo, LazyEdge, type CursorSigner } from "./lazy-edge.js";

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
export class PlacedPage<T> implements ConnectionPage<T>, CursorSigner {
  private edgeList?: Edge<T>[];
  private readonly lengths = new Map<ConnectionPart<T>, number | undefined>();
  readonly pageInfo: EdgesPageInfo<T>;

  constructor(
    private readonly runs: PlacedRun<T>[],
    private readonly parts: ConnectionPart<T>[],
    private readonly codec: PositionCodec,
    hasNextPage: boolean,
    hasPreviousPage: boolean,
  ) {
    // The lengths the cursors carry are those known when the page was made, as the page's reads left them.
    for (const { part } of runs) if (!this.lengths.has(part)) this.lengths.set(part, part.sequence.knownLength?.() ?? undefined);
    this.pageInfo = new EdgesPageInfo(this, hasNextPage, hasPreviousPage);
  }

  get nodes(): T[] {
    return this.runs.length === 1 ? this.runs[0]!.items : this.runs.flatMap((run) => run.items);
  }

  get edges(): Edge<T>[] {
    return (this.edgeList ??= this.nodes.map((node, i) => new LazyEdge(this, node, i)));
  }

  /** The cursor of the page's `index`-th record: its run, and its offset in that run's part. */
  cursorAt(index: number): string {
    let run = this.runs[0]!;
    for (let r = 1, first = run.items.length; r < this.runs.length && index >= first; r++) {
      index -= first;
      run = this.runs[r]!;
      first = run.items.length;
    }
    const { part } = run;
    const offset = run.start + index;
    return this.codec.encode({ part: part.key, offset, resume: part.sequence.resumeTokenAt?.(offset + 1), length: this.lengths.get(part) });
  }

  async totalCount(): Promise<number | null> {
    const lengths = await Promise.all(this.parts.map((p) => p.sequence.lengthIfCheap()));
    return lengths.some((n) => n === null) ? null : lengths.reduce<number>((sum, n) => sum + n!, 0);
  }
}
