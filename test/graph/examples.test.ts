import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExampleOperations } from "../../src/example-operations.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

/** The sample operations GraphiQL opens with and README shows must all work as written. */
describe("the example operations", () => {
  let t: TestGraph;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await startTestGraph();
    const res = await t.query<{ rpm: { nodes: Array<{ id: string }> }; wms: { nodes: Array<{ id: string }> } }>(
      `{ rpm: customers(first: 1, filter: { sources: [RPM] }) { nodes { id } }
         wms: customers(first: 1, filter: { sources: [WMS] }) { nodes { id } } }`,
    );
    ids = { EditCustomer: res.data!.rpm.nodes[0]!.id, DiscontinueCustomer: res.data!.wms.nodes[0]!.id };
  });
  afterAll(() => t.close());

  for (const example of loadExampleOperations()) {
    it(`runs ${example.name} without errors`, async () => {
      const variables = example.variables ? { id: ids[example.name] } : undefined;
      const res = await t.query<Record<string, { userErrors?: unknown[] } | unknown>>(example.query, variables);
      expect(res.errors).toBeUndefined();
      for (const value of Object.values(res.data ?? {})) {
        if (value && typeof value === "object" && "userErrors" in value) expect(value.userErrors).toEqual([]);
      }
    });
  }
});
