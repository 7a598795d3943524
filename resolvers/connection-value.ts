import type { ConnectionValue } from "../schema/connection.js";
import type { ConnectionPage } from "../src/pagination/connection.js";

/** Shapes a page for the schema; totalCount's work runs only if the field is selected. */
export function connectionValue<T>(page: ConnectionPage<T>): ConnectionValue<T> {
  return {
    edges: page.edges,
    get nodes() {
      return page.edges.map((e) => e.node);
    },
    pageInfo: page.pageInfo,
    get totalCount() {
      return page.totalCount();
    },
  };
}
