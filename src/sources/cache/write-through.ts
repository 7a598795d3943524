import { UserInputError } from "../../errors.js";
import type { CustomerRecord } from "../../model.js";
import type { SourceWrites } from "../source.js";

/**
 * After a write, with the customer keys it touched (the one asked for and the one the vendor answered for) and
 * the vendor's answer when there is one (none when the outcome is unknown: it may have been applied).
 */
export type AfterWrite = (ids: readonly string[], answer: CustomerRecord | undefined) => Promise<void>;

/**
 * A vendor's writes, each followed by `after` whatever its outcome, and only then answered: the write's effect
 * on the cache is in place before the caller can read again. After the write, not before: a read that started
 * before the write ended then carries an older write number and is never served.
 */
export function writeThrough(writes: SourceWrites, after: AfterWrite): SourceWrites {
  const through =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>, idOf: (...args: A) => string, recordOf: (result: R) => CustomerRecord) =>
    async (...args: A): Promise<R> => {
      let result: R;
      try {
        result = await write(...args);
      } catch (err) {
        // Refused before any vendor call: nothing changed, nothing to drop.
        if (!(err instanceof UserInputError)) await after([idOf(...args)], undefined);
        throw err;
      }
      const record = recordOf(result);
      await after([idOf(...args), record.sourceId], record);
      return result;
    };
  return {
    editableFields: writes.editableFields,
    callsPerWrite: writes.callsPerWrite,
    edit: through(writes.edit.bind(writes), (id) => id, (record) => record),
    ...(writes.upsert ? { upsert: through(writes.upsert.bind(writes), (input) => input.shortId, (result) => result.record) } : {}),
    ...(writes.discontinue ? { discontinue: through(writes.discontinue.bind(writes), (id) => id, (record) => record) } : {}),
  };
}
