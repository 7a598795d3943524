import type { ConnectionValue } from "../schema/connection.js";
import type { ConnectionPage } from "../src/pagination/connection.js";

/** Shapes a page for the schema; edges, nodes and totalCount are worked out only if selected. */
export function connectionValue<T>(page: ConnectionPage<T>): ConnectionValue<T> {
  return new PageValue(page);
}

/** A class, not a literal with getters: a literal allocates a closure per getter, per connection answered. */
class PageValue<T> implements ConnectionValue<T> {
  constructor(private readonly page: ConnectionPage<T>) {}

  get edges() {
    return this.page.edges;
  }

  get nodes() {
    return this.page.nodes ?? this.page.edges.map((e) => e.node);
  }

  get pageInfo() {
    return this.page.pageInfo;
  }

  get totalCount() {
    return this.page.totalCount();
  }
}
