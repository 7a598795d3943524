import { buildSubgraphSchema, type GraphQLResolverMap } from "@apollo/subgraph";
import { MapperKind, mapSchema, printSchemaWithDirectives } from "@graphql-tools/utils";
import { parse, type GraphQLSchema } from "graphql";
import { createResolversMap } from "type-graphql";
import { ENTITY_REFERENCE_RESOLVERS } from "./entity-references.js";
import { guardEntities } from "./entities-guard.js";

/** Federation v2.3: understood by Apollo Router, Apollo Gateway, Hive Gateway and every 2.x composer. */
export const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])';

export interface SubgraphOptions {
  /**
   * Serve `node(id)` and `nodes(ids)`. A company supergraph often has a `node` of its own (or none at all):
   * off, this subgraph leaves both out and other subgraphs still reach every entity through its keys.
   */
  nodeFields?: boolean;
}

/**
 * The type-graphql schema as an Apollo Federation 2 subgraph: its SDL printed with the directives that
 * `@Directive` put on the types (@key, @shareable), rebuilt by @apollo/subgraph with type-graphql's own resolvers
 * (which carry @Authorized and validation) plus each entity's __resolveReference.
 *
 * The print-and-rebuild round trip keeps names, descriptions, directives and resolvers, and drops type and
 * field `extensions`: nothing in this service may depend on them.
 */
export function toSubgraphSchema(schema: GraphQLSchema, options: SubgraphOptions = {}): GraphQLSchema {
  const served = options.nodeFields === false ? withoutNodeFields(schema) : schema;
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(served)}`);
  const resolvers = createResolversMap(served) as Record<string, Record<string, unknown>>;
  for (const [type, resolveReference] of Object.entries(ENTITY_REFERENCE_RESOLVERS)) {
    resolvers[type] = { ...resolvers[type], __resolveReference: resolveReference };
  }
  const subgraph = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as GraphQLResolverMap }]);
  guardEntities(subgraph);
  return subgraph;
}

function withoutNodeFields(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.QUERY_ROOT_FIELD]: (config, fieldName) => (fieldName === "node" || fieldName === "nodes" ? null : config),
  });
}
