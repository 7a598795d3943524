import type { Edge } from "./connection.js";

/** A page whose n-th record's cursor can be signed on demand. */
export interface CursorSigner {
  cursorAt(index: number): string;
}

/**
 * An edge whose cursor is signed only when read (an HMAC each), and only once. A class rather than an object
 * literal with a getter: V8 keeps such a literal (its getter a fresh closure) in dictionary mode, and a page of
 * 100 records makes 100 of them.
 */
export class LazyEdge<N> implements Edge<N> {
  private signed?: string;

  constructor(
    private readonly page: CursorSigner,
    readonly node: N,
    private readonly index: number,
  ) {}

  get cursor(): string {
    return (this.signed ??= this.page.cursorAt(this.index));
  }
}

/** pageInfo whose cursors are the first and last edges' (so each is signed at most once). */
export class EdgesPageInfo<N> {
  constructor(
    private readonly page: { readonly edges: Edge<N>[] },
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
