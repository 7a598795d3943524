import { planPages } from "./page-plan.js";
import type { RecordSequence } from "./record-sequence.js";

export type FetchPage<T> = (page: number, pageSize: number) => Promise<{ records: T[]; totalCount: number }>;

/**
 * A page-numbered vendor list. A window costs the one or two pages that cover it (see planPages), never the
 * pages before it; the vendor's totalCount answers length() and tells whether more follows.
 */
export class PageNumberSequence<T> implements RecordSequence<T> {
  private readonly pages = new Map<string, Promise<{ records: T[]; totalCount: number }>>();
  private total?: number;

  constructor(
    private readonly fetchPage: FetchPage<T>,
    private readonly maxPageSize: number,
  ) {}

  async slice(offset: number, count: number) {
    if (count === 0) return { items: [], more: offset < (await this.length()) };
    const plan = planPages(offset, count, this.maxPageSize);
    const answers = await Promise.all(plan.pages.map((p) => this.page(p, plan.pageSize)));
    const firstOffset = (plan.pages[0]! - 1) * plan.pageSize;
    const covered = answers.flatMap((a) => a.records);
    const items = covered.slice(offset - firstOffset, offset - firstOffset + count);
    return { items, more: offset + items.length < this.total! };
  }

  async length() {
    if (this.total === undefined) {
      // Any page tells the total; take a full-size first page, which later windows near the start can reuse.
      await this.page(1, this.maxPageSize);
    }
    return this.total!;
  }

  lengthIfCheap() {
    return this.length();
  }

  knownLength(): number | null {
    return this.total ?? null;
  }

  private page(page: number, pageSize: number) {
    const key = `${page}/${pageSize}`;
    let answer = this.pages.get(key);
    if (!answer) {
      answer = this.fetchPage(page, pageSize).then((a) => {
        this.total = a.totalCount;
        return a;
      });
      this.pages.set(key, answer);
    }
    return answer;
  }
}
