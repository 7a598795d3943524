import { UserInputError } from "../errors.js";

/** The most edges one connection answers at once; documented in README and schema descriptions. */
export const MAX_PAGE_SIZE = 500;
/** Edges answered when neither first nor last is given. */
export const DEFAULT_PAGE_SIZE = 50;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Relay arguments reduced to one direction: count edges forward after a cursor, or backward before one. */
export type PageRequest =
  | { direction: "forward"; count: number; after: string | null }
  | { direction: "backward"; count: number; before: string | null };

/**
 * Validates Relay connection arguments. We support first/after and last/before; mixing the directions is
 * refused rather than guessed at, since the spec's combined algorithm is rarely what a caller meant.
 */
export function toPageRequest(args: ConnectionArgs, maxPageSize = MAX_PAGE_SIZE): PageRequest {
  const { first, after, last, before } = args;
  const has = (v: unknown) => v !== undefined && v !== null;
  if (has(first) && has(last)) {
    throw new UserInputError("first and last cannot be used together; page forward with first/after or backward with last/before", ["first"]);
  }
  if (has(first) && has(before)) {
    throw new UserInputError("before goes with last, not first; page backward with last/before", ["before"]);
  }
  if (has(last) && has(after)) {
    throw new UserInputError("after goes with first, not last; page forward with first/after", ["after"]);
  }
  checkCount("first", first, maxPageSize);
  checkCount("last", last, maxPageSize);
  if (has(last) || has(before)) {
    return { direction: "backward", count: last ?? DEFAULT_PAGE_SIZE, before: before ?? null };
  }
  return { direction: "forward", count: first ?? DEFAULT_PAGE_SIZE, after: after ?? null };
}

function checkCount(name: string, value: number | null | undefined, max: number): void {
  if (value === undefined || value === null) return;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new UserInputError(`${name} must be between 0 and ${max}, got ${value}`, [name]);
  }
}
