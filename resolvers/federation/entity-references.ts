import type { GraphQLResolveInfo } from "graphql";
import type { GraphContext } from "../../src/context.js";
import { customerNode, loadCustomer, lookupNode, type AnyNode } from "../node-lookup.js";
import { assertScopes } from "../scope-auth-checker.js";
import { selectedDetailFields } from "../selection.js";
import { customerKeyFields, idField, type Representation } from "./representation.js";

/**
 * `__resolveReference` of each entity: a representation is looked up exactly as `node(id)` / `nodes(ids)` look
 * up an id, through the request's loaders, so the representations of one `_entities` request batch per vendor
 * (list-first where a list answers) and cost the same vendor calls as the same ids asked of `nodes`.
 *
 * A well-formed key that names nothing, a record of a source the caller may not see, or an id of another type
 * is null, as in `nodes`; a malformed one is refused (representation.ts). Async, so that a refusal nulls only
 * its own entity and never the whole `_entities` list.
 */
type ReferenceResolver = (rep: Representation, ctx: GraphContext, info: GraphQLResolveInfo) => Promise<AnyNode | null>;

const resolveCustomer: ReferenceResolver = async (rep, ctx, info) => {
  assertScopes(ctx, ["customers:read"]);
  const key = customerKeyFields(rep);
  const needs = selectedDetailFields(info);
  if ("id" in key) {
    const ref = ctx.ids.decode(key.id);
    return ref?.type === "Customer" ? lookupNode(ref, ctx, needs) : null;
  }
  if (!ctx.sources.has(key.source)) return null;
  const customer = await loadCustomer(ctx, key.source, key.sourceId, needs);
  // A copy: a cached record is frozen, and the entities resolver marks what it returns with its __typename.
  return customer && customerNode(customer);
};

const resolveChild =
  (type: "Contact" | "Location" | "Account"): ReferenceResolver =>
  async (rep, ctx) => {
    assertScopes(ctx, ["customers:read"]);
    const ref = ctx.ids.decode(idField(rep));
    return ref?.type === type ? lookupNode(ref, ctx) : null;
  };

export const ENTITY_REFERENCE_RESOLVERS = {
  Customer: resolveCustomer,
  Contact: resolveChild("Contact"),
  Location: resolveChild("Location"),
  Account: resolveChild("Account"),
} as const;
