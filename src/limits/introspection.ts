/**
 * The schema's own meta fields, answered by graphql-js without any resolver or vendor call. Limits that
 * measure vendor work (depth, cost) skip their subtrees; `__typename` is a plain leaf to them.
 */
export function isIntrospectionField(name: string): boolean {
  return name === "__schema" || name === "__type";
}
