import { isUnionType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import type { GraphContext } from "../../src/context.js";
import { UserInputError } from "../../src/errors.js";
import { MAX_NODE_IDS } from "../node.resolver.js";
import { assertScopes } from "../scope-auth-checker.js";

/**
 * Wraps `Query._entities` of a built subgraph schema with the guards every other read has: the caller needs
 * customers:read (one FORBIDDEN before anything is looked up), a request resolves at most MAX_NODE_IDS
 * representations in all (however many `_entities` fields it has), and a representation that is not an object
 * naming one of this subgraph's entities is refused on its own (BAD_USER_INPUT, null in its place) instead of
 * failing the whole list or, for a non-entity type, being echoed back as if it were one.
 */
export function guardEntities(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const entityUnion = schema.getType("_Entity");
  if (!field?.resolve || !isUnionType(entityUnion)) throw new Error("guardEntities: the schema has no _entities field");
  const entityTypes = new Set(entityUnion.getTypes().map((t) => t.name));
  const resolve: GraphQLFieldResolver<unknown, GraphContext> = field.resolve;
  const counted = new WeakMap<GraphContext, number>();

  field.resolve = (source, args: { representations: unknown[] }, ctx: GraphContext, info) => {
    assertScopes(ctx, ["customers:read"]);
    const { representations } = args;
    const total = (counted.get(ctx) ?? 0) + representations.length;
    counted.set(ctx, total);
    if (total > MAX_NODE_IDS) {
      throw new UserInputError(
        `representations must have at most ${MAX_NODE_IDS} entries per request, got ${total}`,
        ["representations"],
      );
    }
    return representations.map((rep) => {
      const typename = typeof rep === "object" && rep !== null && !Array.isArray(rep) ? (rep as { __typename?: unknown }).__typename : undefined;
      if (typeof typename !== "string" || !entityTypes.has(typename)) {
        return new UserInputError(
          `representations: each must be an object whose __typename is one of ${[...entityTypes].join(", ")}`,
          ["representations", "__typename"],
        );
      }
      // One representation at a time: the library resolver calls its type's __resolveReference synchronously,
      // so every lookup still joins the same loader batch.
      return (resolve(source, { representations: [rep] }, ctx, info) as unknown[])[0];
    });
  };
}
