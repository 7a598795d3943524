import { UserInputError } from "../errors.js";
import type { Position, PositionCodec } from "./connection.js";
import type { CursorCodec } from "./cursor-codec.js";

/**
 * Position cursors for one connection scope, in a compact array form: [part, offset], [part, offset, resume] or
 * [part, offset, resume or null, the part's length]. Cursors of the shorter forms (issued before the length was
 * carried) still decode.
 */
export function positionCodec(cursors: CursorCodec, scope: string): PositionCodec {
  return {
    encode: (p) =>
      cursors.encode(
        scope,
        p.length !== undefined
          ? [p.part, p.offset, p.resume ?? null, p.length]
          : p.resume === undefined
            ? [p.part, p.offset]
            : [p.part, p.offset, p.resume],
      ),
    decode: (cursor, argument) => {
      const value = cursors.decode(scope, cursor, argument);
      if (!Array.isArray(value) || typeof value[0] !== "string" || !Number.isInteger(value[1]) || value[1] < 0) {
        throw new UserInputError(`${argument} is not a cursor issued for this connection`, [argument]);
      }
      const length = Number.isInteger(value[3]) && value[3] >= 0 ? (value[3] as number) : undefined;
      return { part: value[0], offset: value[1], resume: value[2] ?? undefined, length };
    },
  };
}

/** Where a customers cursor points, read without its scope, for the vendor-call estimate (never trusted). */
export function peekPosition(cursors: CursorCodec, cursor: string): { part: string; offset: number; resumable: boolean } | null {
  const value = cursors.peek(cursor);
  if (!Array.isArray(value) || typeof value[0] !== "string" || !Number.isInteger(value[1]) || value[1] < 0) return null;
  return { part: value[0], offset: value[1], resumable: value[2] !== undefined && value[2] !== null };
}
