import { registerEnumType } from "type-graphql";

export enum UserErrorCode {
  INVALID = "INVALID",
  NOT_FOUND = "NOT_FOUND",
  CONFLICT = "CONFLICT",
  READ_ONLY_SOURCE = "READ_ONLY_SOURCE",
  UPSTREAM = "UPSTREAM",
}

registerEnumType(UserErrorCode, {
  name: "UserErrorCode",
  description: "Why a mutation refused its input; the caller can act on each.",
  valuesConfig: {
    INVALID: { description: "An input broke a validation rule" },
    NOT_FOUND: { description: "No such customer" },
    CONFLICT: { description: "The change conflicts with another record, e.g. the name is taken" },
    READ_ONLY_SOURCE: { description: "The vendor offers no such write" },
    UPSTREAM: { description: "The vendor refused for a reason of its own" },
  },
});
