/**
 * One source's records, in the vendor's order, addressed by position. The connection code reads windows of it
 * and never needs to know how the vendor pages; each pagination model is one implementation.
 */
export interface RecordSequence<T> {
  /** Items [offset, offset + count) (fewer at the end); `more` tells whether anything follows them. */
  slice(offset: number, count: number): Promise<{ items: T[]; more: boolean }>;
  /** The number of items, reading whatever that takes (for a forward-only vendor, the whole list). */
  length(): Promise<number>;
  /** The number of items if it can be told without reading the whole list, else null (for totalCount). */
  lengthIfCheap(): Promise<number | null>;
  /**
   * The number of items if this request has learnt it already (a list read, a page's total), else null; never
   * calls. Lets a page plan its reads: a part known to end inside the page means the next part is read too.
   */
  knownLength?(): number | null;
  /**
   * For forward-only vendors: a token that lets a later request resume at `offset` without walking from the
   * start (stored in our cursors), and the way to give it back. Undefined where positions are enough.
   */
  resumeTokenAt?(offset: number): unknown;
  acceptResumeToken?(token: unknown): void;
}
