import { UserInputError } from "../../errors.js";
import type { CustomerRecord } from "../../model.js";
import type { SourceWrites } from "../source.js";

/**
 * After a write, with the customer keys it touched (the one asked for and the one the vendor answered for), the
 * vendor's answer when there is one (none when the outcome is unknown: it may have been applied), and whether
 * the vendor's unfiltered lists keep their members and order through it (SourceWrites.unfilteredListsOrderedByKey,
 * and no customer created).
 */
export type AfterWrite = (ids: readonly string[], answer: CustomerRecord | undefined, listsInPlace: boolean) => Promise<void>;

/**
 * A vendor's writes, each followed by `after` whatever its outcome, and only then answered: the write's effect
 * on the cache is in place before the caller can read again. After the write, not before: a read that started
 * before the write ended then carries an older write number and is never served.
 */
export function writeThrough(writes: SourceWrites, after: AfterWrite): SourceWrites {
  const through =
    <A extends unknown[], R>(
      write: (...args: A) => Promise<R>,
      idOf: (...args: A) => string,
      recordOf: (result: R) => CustomerRecord,
      created: (result: R) => boolean = () => false,
    ) =>
    async (...args: A): Promise<R> => {
      let result: R;
      try {
        result = await write(...args);
      } catch (err) {
        // Refused before any vendor call: nothing changed, nothing to drop.
        if (!(err instanceof UserInputError)) await after([idOf(...args)], undefined, false);
        throw err;
      }
      const record = recordOf(result);
      await after([idOf(...args), record.sourceId], record, writes.unfilteredListsOrderedByKey === true && !created(result));
      return result;
    };
  return {
    editableFields: writes.editableFields,
    callsPerWrite: writes.callsPerWrite,
    ...(writes.unfilteredListsOrderedByKey ? { unfilteredListsOrderedByKey: true } : {}),
    edit: through(writes.edit.bind(writes), (id) => id, (record) => record),
    ...(writes.upsert
      ? { upsert: through(writes.upsert.bind(writes), (input) => input.shortId, (result) => result.record, (result) => result.created) }
      : {}),
    ...(writes.discontinue ? { discontinue: through(writes.discontinue.bind(writes), (id) => id, (record) => record) } : {}),
  };
}
