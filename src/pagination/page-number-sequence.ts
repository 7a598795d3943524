import { planPages } from "./page-plan.js";
import type { RecordSequence } from "./record-sequence.js";

export type FetchPage<T> = (page: number, pageSize: number) => Promise<{ records: T[]; totalCount: number }>;

interface PageRead<T> {
  page: number;
  pageSize: number;
  answer: Promise<{ records: T[]; totalCount: number }>;
}

/**
 * A page-numbered vendor list. A window costs the one or two pages that cover it (see planPages), never the
 * pages before it; the vendor's totalCount answers length() and tells whether more follows. A window that a page
 * read already (or being read) covers costs nothing more: `last: 47` reads the first page for the total, and that
 * page is the window too when the list is short. Once the total is known, a window is cut at the list's end.
 */
export class PageNumberSequence<T> implements RecordSequence<T> {
  private readonly reads = new Map<string, PageRead<T>>();
  private total?: number;

  constructor(
    private readonly fetchPage: FetchPage<T>,
    private readonly maxPageSize: number,
  ) {}

  async slice(offset: number, count: number) {
    if (count === 0) return { items: [], more: offset < (await this.length()) };
    const wanted = this.total === undefined ? count : Math.min(count, this.total - offset);
    if (wanted <= 0) return { items: [], more: false };
    const covering = this.covering(offset, wanted);
    const reads = covering ? [covering] : this.plan(offset, wanted);
    const answers = await Promise.all(reads.map((r) => r.answer));
    const firstOffset = (reads[0]!.page - 1) * reads[0]!.pageSize;
    const covered = answers.flatMap((a) => a.records);
    const items = covered.slice(offset - firstOffset, offset - firstOffset + count);
    return { items, more: offset + items.length < this.total! };
  }

  async length() {
    if (this.total === undefined) {
      // Any page tells the total; take a full-size first page, which later windows near the start can reuse.
      await this.read(1, this.maxPageSize).answer;
    }
    return this.total!;
  }

  lengthIfCheap() {
    return this.length();
  }

  knownLength(): number | null {
    return this.total ?? null;
  }

  /** A page read (or in flight) that holds the whole window [offset, offset + count). */
  private covering(offset: number, count: number): PageRead<T> | undefined {
    for (const read of this.reads.values()) {
      const start = (read.page - 1) * read.pageSize;
      if (start <= offset && offset + count <= start + read.pageSize) return read;
    }
    return undefined;
  }

  private plan(offset: number, count: number): PageRead<T>[] {
    const plan = planPages(offset, count, this.maxPageSize);
    return plan.pages.map((p) => this.read(p, plan.pageSize));
  }

  private read(page: number, pageSize: number): PageRead<T> {
    const key = `${page}/${pageSize}`;
    let read = this.reads.get(key);
    if (!read) {
      const answer = this.fetchPage(page, pageSize).then((a) => {
        this.total = a.totalCount;
        return a;
      });
      read = { page, pageSize, answer };
      this.reads.set(key, read);
    }
    return read;
  }
}
