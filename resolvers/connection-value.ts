import type { ConnectionValue } from "../schema/connection.js";
import type { ConnectionPage } from "../src/pagination/connection.js";

/** Shapes a page for the schema; edges, nodes and totalCount are worked out only if selected. */
export function connectionValue<T>(page: ConnectionPage<T>): ConnectionValue<T> {
  return {
    get edges() {
      return page.edges;
    },
    get nodes() {
      return page.nodes ?? page.edges.map((e) => e.node);
    },
    pageInfo: page.pageInfo,
    get totalCount() {
      return page.totalCount();
    },
  };
}
