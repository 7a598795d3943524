import { Field, Int, ObjectType, type ClassType } from "type-graphql";
import { PageInfo } from "./page-info.type.js";

/** What a connection resolver returns: totalCount is a promise, computed only when the field is selected. */
export interface ConnectionValue<T> {
  edges: Array<{ cursor: string; node: T }>;
  readonly nodes: T[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number | null>;
}

/**
 * The one generic Relay connection: `<Name>Connection` and `<Name>Edge` over a node type, so every list in the
 * graph pages the same way (type-graphql's generic-types pattern).
 */
export function connectionOf<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`, { description: `A ${name} and its cursor.` })
  class Edge {
    @Field(() => String, { description: "Opaque cursor of this edge, for after/before." })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} records (Relay connection).` })
  class Connection {
    @Field(() => [Edge], { description: "The page's edges, in order." })
    edges!: Edge[];

    @Field(() => [nodeType], { description: "The page's nodes, in order (edges without cursors)." })
    nodes!: T[];

    @Field(() => PageInfo, { description: "Where this page sits in the whole list." })
    pageInfo!: PageInfo;

    @Field(() => Int, {
      nullable: true,
      description: "How many records the whole list has. Null only where a selected source cannot tell its size without reading it all (Connect before it has been paged to its end).",
    })
    totalCount!: number | null;
  }

  return Connection;
}
