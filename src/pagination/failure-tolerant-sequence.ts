import type { RecordSequence } from "./record-sequence.js";

/**
 * A part of a multi-part connection whose failure must cost only that part: on a failure the `tolerate`
 * callback accepts (and reports), the part reads as empty for the rest of the request, and its length as
 * unknown, so the other parts still page correctly and totalCount is null rather than wrong.
 */
export class FailureTolerantSequence<T> implements RecordSequence<T> {
  private failed = false;

  constructor(
    private readonly inner: RecordSequence<T>,
    private readonly tolerate: (error: unknown) => boolean,
  ) {}

  async slice(offset: number, count: number) {
    return this.guard(() => this.inner.slice(offset, count), { items: [], more: false });
  }

  async length() {
    return this.guard(() => this.inner.length(), 0);
  }

  async lengthIfCheap() {
    return this.failed ? null : this.guard(() => this.inner.lengthIfCheap(), null);
  }

  knownLength(): number | null {
    return this.failed ? 0 : (this.inner.knownLength?.() ?? null);
  }

  resumeTokenAt(offset: number): unknown {
    return this.failed ? undefined : this.inner.resumeTokenAt?.(offset);
  }

  acceptResumeToken(token: unknown): void {
    this.inner.acceptResumeToken?.(token);
  }

  private async guard<R>(call: () => Promise<R>, empty: R): Promise<R> {
    if (this.failed) return empty;
    try {
      return await call();
    } catch (error) {
      if (!this.tolerate(error)) throw error;
      this.failed = true;
      return empty;
    }
  }
}
