import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { AccountIdResolver, ContactIdResolver, LocationIdResolver } from "./child-ids.resolver.js";
import { CustomerFieldsResolver } from "./customer-fields.resolver.js";
import { CustomerMutationResolver } from "./customer-mutation.resolver.js";
import { CustomerQueryResolver } from "./customer-query.resolver.js";
import { resolveNestedConnectionsDirectly } from "./direct-connections.js";
import { toSubgraphSchema, type SubgraphOptions } from "./federation/subgraph-schema.js";
import { NodeResolver } from "./node.resolver.js";
import { scopeAuthChecker } from "./scope-auth-checker.js";
import { SourcesResolver } from "./sources.resolver.js";
import { assertNoArgumentOptOuts, validateArgs } from "./validate-args.js";

/**
 * The executable schema the service serves, built once at start: always an Apollo Federation 2 subgraph
 * (resolvers/federation/), which works stand-alone just the same. Its `_service { sdl }` is emitted to
 * schema/subgraph.graphql by `npm run schema`.
 */
export async function buildGraphSchema(options: SubgraphOptions = {}): Promise<GraphQLSchema> {
  return toSubgraphSchema(await buildTypeGraphSchema(), options);
}

/** The schema of the type-graphql classes alone (no federation fields), emitted to schema/schema.graphql. */
export async function buildTypeGraphSchema(): Promise<GraphQLSchema> {
  assertNoArgumentOptOuts();
  const schema = await buildSchema({
    resolvers: [
      CustomerQueryResolver,
      NodeResolver,
      CustomerFieldsResolver,
      ContactIdResolver,
      LocationIdResolver,
      AccountIdResolver,
      CustomerMutationResolver,
      SourcesResolver,
    ],
    // type-graphql 2 ignores class-validator rules unless this is on. Mutation inputs opt out per argument
    // (validateFn: validatedInResolver) and are validated in the resolver, so that their findings become
    // UserErrors instead of a top-level error. validateArgs is type-graphql's own validation without its
    // per-argument dynamic import and without walking classes that have no rules (validate-args.ts).
    validate: true,
    validateFn: validateArgs,
    // @Authorized("customers:read" | "customers:write") on every query and mutation, checked against the caller.
    authChecker: scopeAuthChecker,
    emitSchemaFile: false,
  });
  resolveNestedConnectionsDirectly(schema);
  // type-graphql has no decorator for the root types' descriptions.
  schema.getQueryType()!.description = "Read customers of every configured vendor through one schema.";
  schema.getMutationType()!.description = "Change customers at the vendors that offer writes (RPM edits; WMS edits, upserts, discontinues).";
  return schema;
}
