import { UserInputError } from "../../src/errors.js";
import { SOURCE_NAMES, type SourceName } from "../../src/model.js";

/**
 * Entity representations arrive as `_Any`, which GraphQL does not coerce: whatever JSON the gateway (or anyone
 * calling the subgraph directly) sent. Each key field is checked here, before any vendor call; a representation
 * that breaks a rule is refused with BAD_USER_INPUT naming the field and the rule.
 */
export type Representation = Record<string, unknown> & { __typename: string };

/** How a Customer representation names its customer: by global id, or by the vendor's own key. */
export type CustomerKeyFields = { id: string } | { source: SourceName; sourceId: string };

/** The same bounds as the `customerBySourceId(sourceId)` and global-id arguments. */
const SOURCE_ID_MAX = 200;
const ID_MAX = 1024;

export function customerKeyFields(rep: Representation): CustomerKeyFields {
  if ("id" in rep) return { id: idField(rep) };
  if (!("source" in rep) && !("sourceId" in rep)) {
    throw refused(rep, "id", 'needs one of its keys: "id", or "source" and "sourceId"');
  }
  const { source, sourceId } = rep;
  if (typeof source !== "string" || !(SOURCE_NAMES as readonly string[]).includes(source)) {
    throw refused(rep, "source", `must be one of ${SOURCE_NAMES.join(", ")}, got ${shown(source)}`);
  }
  if (typeof sourceId !== "string" || sourceId.length === 0 || sourceId.length > SOURCE_ID_MAX) {
    throw refused(rep, "sourceId", `must be a string of 1 to ${SOURCE_ID_MAX} characters, got ${shown(sourceId)}`);
  }
  return { source: source as SourceName, sourceId };
}

/** The `id` key of a Contact, Location or Account (or of a Customer named by id). */
export function idField(rep: Representation): string {
  const { id } = rep;
  if (typeof id !== "string" || id.length === 0 || id.length > ID_MAX) {
    throw refused(rep, "id", `must be a string of 1 to ${ID_MAX} characters, got ${shown(id)}`);
  }
  return id;
}

function refused(rep: Representation, field: string, rule: string): UserInputError {
  return new UserInputError(`representations: ${rep.__typename}.${field} ${rule}`, ["representations", field]);
}

/** A short, inert rendering of what was sent (its type, or a string's length), never the value itself. */
function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return value.length > 20 ? `a string of ${value.length} characters` : JSON.stringify(value);
  return Array.isArray(value) ? "a list" : typeof value === "object" ? "an object" : `a ${typeof value}`;
}
