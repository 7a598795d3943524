import type { SourceWrites } from "../source.js";
import type { VendorValidity } from "./vendor-validity.js";

/**
 * A vendor's writes, each followed by the invalidation of every cached entry of the vendor, for every caller,
 * whatever the outcome (an unknown one may have been applied). After the write, not before: a read that started
 * before the write ended then carries an older generation and is never served.
 */
export function invalidatingWrites(writes: SourceWrites, validity: VendorValidity): SourceWrites {
  const invalidating =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await write(...args);
      } finally {
        validity.invalidate();
      }
    };
  return {
    editableFields: writes.editableFields,
    callsPerWrite: writes.callsPerWrite,
    edit: invalidating(writes.edit.bind(writes)),
    ...(writes.upsert ? { upsert: invalidating(writes.upsert.bind(writes)) } : {}),
    ...(writes.discontinue ? { discontinue: invalidating(writes.discontinue.bind(writes)) } : {}),
  };
}
