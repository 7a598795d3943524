import { TypeInfo, ValidationContext, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema, type ValidationRule } from "graphql";
import { lazyParallelVisitor } from "./lazy-parallel-visitor.js";

/** Thrown through the visit at the first error: one is enough to say no. */
const STOP = Symbol("invalid");

/**
 * Whether `rules` find nothing wrong in the document: graphql's validate() with the same rules and the same
 * TypeInfo pass, but stopping at the first error and visiting through lazyParallelVisitor. The errors themselves
 * are not kept; where a document is wrong, Apollo validates it again and words them (prevalidation.plugin.ts).
 */
export function passesRules(schema: GraphQLSchema, document: DocumentNode, rules: readonly ValidationRule[]): boolean {
  const typeInfo = new TypeInfo(schema);
  const context = new ValidationContext(schema, document, typeInfo, () => {
    throw STOP;
  });
  try {
    visit(document, visitWithTypeInfo(typeInfo, lazyParallelVisitor(rules.map((rule) => rule(context)))));
    return true;
  } catch {
    // STOP, or a rule that throws: either way the document is left to Apollo, which meets it as it always did.
    return false;
  }
}
