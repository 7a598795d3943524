import { it } from "vitest";
import { startTestGraph } from "./support/graph.js";
it("probe", async () => {
  const g = await startTestGraph({ sizes: { wms: 600 } });
  const p = await g.query<any>(`{ customers(first: 500, filter: {sources: [WMS]}) { edges { cursor } } }`);
  const c = p.data.customers.edges[249].cursor;
  await new Promise((r) => setTimeout(r, 200));
  g.resetStats();
  const r = await g.query(`{ customers(first: 0, after: "${c}", filter: { sources: [WMS], updatedSince: "2020-01-01T00:00:00Z", code: "ACME-CORP" }) { pageInfo { hasNextPage } nodes { name } } }`);
  console.log(JSON.stringify(r), JSON.stringify(g.stats()));
  await g.close();
});
