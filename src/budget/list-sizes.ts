import type { SourceName } from "../model.js";

/**
 * The last length seen of each vendor's whole (unfiltered) list. The vendor-call estimate needs it for reads
 * that must cover a whole paged list (a filter applied here, a backward Connect page): their calls are the
 * list's page count. Learnt from any read that tells it, in this process; a deployment's instances each learn
 * their own within a request or two.
 */
export class ListSizes {
  private readonly sizes = new Map<SourceName, number>();

  note(source: SourceName, length: number | null | undefined): void {
    if (length !== null && length !== undefined) this.sizes.set(source, length);
  }

  get(source: SourceName): number | undefined {
    return this.sizes.get(source);
  }
}
