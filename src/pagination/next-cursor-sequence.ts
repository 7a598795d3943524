import type { RecordSequence } from "./record-sequence.js";

export type FetchAfter<T> = (cursor: string | null, limit: number) => Promise<{ records: T[]; nextCursor: string | null }>;

/** A vendor cursor and the position of the first record it answers with. */
type Anchor = { at: number; cursor: string | null };

/**
 * A forward-only vendor list (an opaque nextCursor). The vendor can only resume where one of its cursors
 * points, so we remember every vendor cursor we see with the position it starts at ("anchors"), and fetch a
 * window from the nearest anchor at or before it, asking for exactly as many records as reach the window's end.
 * That way the vendor's nextCursor lands right after the window, and the next page resumes there in one call.
 *
 * Our own cursors carry the anchor that resumes after their record, so paging forward across requests never
 * walks from the start. Paging backward cannot be resumed (the vendor has no previous cursor): it walks forward
 * from the nearest earlier anchor, usually the start, in calls of up to `maxLimit` records.
 */
export class NextCursorSequence<T> implements RecordSequence<T> {
  private readonly anchors = new Map<number, string | null>([[0, null]]);
  /** Records seen this request by position; lets repeated windows avoid refetching. */
  private readonly seen = new Map<number, T>();
  private end?: number;

  constructor(
    private readonly fetchAfter: FetchAfter<T>,
    private readonly maxLimit: number,
  ) {}

  async slice(offset: number, count: number) {
    const stop = offset + count;
    if (!this.covered(offset, stop)) await this.walk(offset, stop);
    const items: T[] = [];
    for (let i = offset; i < stop && this.seen.has(i); i++) items.push(this.seen.get(i)!);
    const next = offset + items.length;
    const more = this.end === undefined ? true : next < this.end;
    return { items, more };
  }

  async length() {
    while (this.end === undefined) {
      const start = this.furthestAnchor();
      await this.walk(start, start + this.maxLimit);
    }
    return this.end;
  }

  async lengthIfCheap() {
    return this.end ?? null;
  }

  knownLength(): number | null {
    return this.end ?? null;
  }

  resumeTokenAt(offset: number): unknown {
    const anchor = this.anchorAtOrBefore(offset);
    return anchor.at === 0 ? undefined : [anchor.at, anchor.cursor];
  }

  acceptResumeToken(token: unknown): void {
    if (!Array.isArray(token) || token.length !== 2) return;
    const [at, cursor] = token as [unknown, unknown];
    if (Number.isInteger(at) && (at as number) > 0 && typeof cursor === "string") this.anchors.set(at as number, cursor);
  }

  private covered(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      if (!this.seen.has(i)) return this.end !== undefined && i >= this.end;
    }
    return true;
  }

  /** Fetches from the nearest anchor at or before `from` until `to` (or the end) is reached. */
  private async walk(from: number, to: number): Promise<void> {
    let anchor = this.anchorAtOrBefore(from);
    while (anchor.at < to && (this.end === undefined || anchor.at < this.end)) {
      const limit = Math.min(this.maxLimit, to - anchor.at);
      const page = await this.fetchAfter(anchor.cursor, limit);
      page.records.forEach((r, i) => this.seen.set(anchor.at + i, r));
      const nextAt = anchor.at + page.records.length;
      if (page.nextCursor === null || page.records.length === 0) {
        this.end = nextAt;
        return;
      }
      this.anchors.set(nextAt, page.nextCursor);
      anchor = { at: nextAt, cursor: page.nextCursor };
    }
  }

  private anchorAtOrBefore(offset: number): Anchor {
    let best: Anchor = { at: 0, cursor: null };
    for (const [at, cursor] of this.anchors) if (at <= offset && at > best.at) best = { at, cursor };
    return best;
  }

  private furthestAnchor(): number {
    return Math.max(...this.anchors.keys());
  }
}
