import type { GraphQLObjectType, GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";
import { ConnectionArgs } from "../schema/connection.args.js";
import type { GraphContext } from "../src/context.js";
import type { CustomerRecord, RelatedKind } from "../src/model.js";
import { CustomerFieldsResolver } from "./customer-fields.resolver.js";
import { relatedConnection } from "./related-connection.js";
import { hasValidationRules } from "./validate-args.js";

const NESTED: readonly RelatedKind[] = ["contacts", "locations", "accounts"];

/**
 * Customer's nested connections (contacts, locations, accounts) resolved by graphql directly, not through
 * type-graphql's wrapper. The wrapper copies the root into a Customer instance, the arguments into a
 * ConnectionArgs instance, and validates them in an async function whatever the validator (type-graphql's
 * validateArg), so each of a page's 100 nested connections became a chain of promises, and the customer an
 * asynchronous value, before the resolver even looked at a record already in hand (issue 14: a page with
 * `locations(first: 1)` ran at 0.37x the page without it). The wrapper does nothing else for these fields, and
 * that is checked at start: no middleware, no @Authorized, and ConnectionArgs has no validation rule.
 */
export function resolveNestedConnectionsDirectly(schema: GraphQLSchema): void {
  if (hasValidationRules(ConnectionArgs)) {
    throw new Error("ConnectionArgs has validation rules now: remove resolveNestedConnectionsDirectly, or validate there");
  }
  const customer = schema.getType("Customer") as GraphQLObjectType;
  for (const kind of NESTED) {
    const meta = getMetadataStorage().fieldResolvers.find((r) => r.target === CustomerFieldsResolver && r.methodName === kind);
    if (!meta || (meta.middlewares?.length ?? 0) > 0 || meta.roles !== undefined) {
      throw new Error(`Customer.${kind}: a middleware or @Authorized would be bypassed by resolveNestedConnectionsDirectly`);
    }
    const field = customer.getFields()[kind]!;
    field.resolve = (root: CustomerRecord, args: ConnectionArgs, ctx: GraphContext) => relatedConnection(kind, root, args, ctx);
  }
}
