import type { ValidationError } from "class-validator";
import type { UserError } from "../schema/payloads.js";
import { UserErrorCode } from "../schema/user-error-code.enum.js";
import { ErrorCode, VendorError } from "../src/errors.js";

/** class-validator's findings as UserErrors: one per broken rule, with the path from the argument down. */
export function validationUserErrors(errors: ValidationError[], path: string[]): UserError[] {
  return errors.flatMap((e) => {
    const here = [...path, e.property];
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field: here, message, code: UserErrorCode.INVALID }));
    return [...own, ...validationUserErrors(e.children ?? [], here)];
  });
}

/**
 * A vendor's refusal of a write, as a UserError the caller can act on. Anything else (unreachable, timeout,
 * our credentials refused, outcome unknown) is not the caller's input: it stays a top-level error.
 */
export function refusalUserError(err: unknown): UserError | null {
  if (!(err instanceof VendorError)) return null;
  switch (err.code) {
    case ErrorCode.NOT_FOUND:
      return { field: ["input", "id"], message: `${err.source} has no such customer`, code: UserErrorCode.NOT_FOUND };
    case ErrorCode.CONFLICT:
      return { field: null, message: `${err.source} refused: the change conflicts with another record (e.g. the name is taken)`, code: UserErrorCode.CONFLICT };
    case ErrorCode.UPSTREAM_REJECTED:
      return { field: null, message: `${err.source} refused the change`, code: UserErrorCode.UPSTREAM };
    default:
      return null;
  }
}
