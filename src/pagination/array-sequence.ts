import type { RecordSequence } from "./record-sequence.js";

/**
 * A list read whole (FULL_LIST vendors, nested lists, and paged vendors read entirely because a filter must be
 * applied locally). The list is loaded once, on first use, and sliced in memory.
 */
export class ArraySequence<T> implements RecordSequence<T> {
  private loaded?: Promise<T[]>;
  /** The list once it has arrived (for knownLength, which must not wait or call). */
  private value?: T[];

  constructor(private readonly load: () => Promise<T[]>) {}

  static of<T>(items: T[]): ArraySequence<T> {
    return new ArraySequence(async () => items);
  }

  async slice(offset: number, count: number) {
    const all = await this.all();
    return { items: all.slice(offset, offset + count), more: offset + count < all.length };
  }

  async length() {
    return (await this.all()).length;
  }

  lengthIfCheap() {
    return this.length();
  }

  knownLength(): number | null {
    return this.value?.length ?? null;
  }

  /** Whether the list has been read, or its read started: using it then costs no further call. */
  get started(): boolean {
    return this.loaded !== undefined;
  }

  private all(): Promise<T[]> {
    return (this.loaded ??= this.load().then((items) => (this.value = items)));
  }
}
