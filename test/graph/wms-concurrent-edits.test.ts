import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "../support/graph.js";

const EDIT = "mutation($input: EditCustomerInput!) { editCustomer(input: $input) { customer { name phone email } userErrors { code message } } }";
const READ = "query($id: ID!) { customer(id: $id) { name phone email locations { nodes { address { line1 } } } } }";

type Edited = { editCustomer: { customer: { name: string; phone: string; email: string } | null; userErrors: unknown[] } };
type Read = { customer: { name: string; phone: string; email: string; locations: { nodes: Array<{ address: { line1: string } }> } } };

describe("concurrent WMS edits of one customer (over HTTP, against the simulator)", () => {
  let t: TestGraph;
  let ids: string[];
  beforeAll(async () => {
    t = await startTestGraph({ sizes: { rpm: 1, wms: 6, komet: 1, connect: 1 } });
    const res = await t.query<{ customers: { nodes: Array<{ id: string }> } }>("{ customers(first: 6, filter: { sources: [WMS] }) { nodes { id } } }");
    ids = res.data!.customers.nodes.map((n) => n.id);
  });
  afterAll(() => t.close());
  // Every WMS call takes a while, so that both edits read the record before either writes, as they would unguarded.
  afterEach(() => t.sims.faults.set({}));

  it("keeps both: one sets the name, the other the phone", async () => {
    t.sims.faults.set({ wms: { latencyMs: 60 } });
    const id = ids[0]!;
    const [a, b] = await Promise.all([
      t.query<Edited>(EDIT, { input: { id, name: "Renamed Concurrently" } }),
      t.query<Edited>(EDIT, { input: { id, phone: "555 0199" } }),
    ]);
    expect(a.data!.editCustomer.userErrors).toEqual([]);
    expect(b.data!.editCustomer.userErrors).toEqual([]);
    const read = await t.query<Read>(READ, { id });
    expect(read.data!.customer).toMatchObject({ name: "Renamed Concurrently", phone: "555 0199" });
  });

  it("keeps all of four edits of four fields sent at once", async () => {
    t.sims.faults.set({ wms: { latencyMs: 30 } });
    const id = ids[1]!;
    const edits = [{ name: "Four Ways" }, { phone: "555 0142" }, { email: "four@example.com" }, { address: "4 Concurrent Rd" }];
    const answers = await Promise.all(edits.map((edit) => t.query<Edited>(EDIT, { input: { id, ...edit } })));
    for (const answer of answers) expect(answer.data!.editCustomer.userErrors).toEqual([]);
    const read = await t.query<Read>(READ, { id });
    expect(read.data!.customer).toMatchObject({ name: "Four Ways", phone: "555 0142", email: "four@example.com" });
    expect(read.data!.customer.locations.nodes[0]!.address.line1).toBe("4 Concurrent Rd");
  });

  it("keeps an upsert sent alongside an edit of the same customer", async () => {
    const made = await t.query<{ upsertCustomer: { customer: { id: string } } }>(
      'mutation { upsertCustomer(input: { shortId: "RACE-1", name: "Race One" }) { customer { id } } }',
    );
    const id = made.data!.upsertCustomer.customer.id;
    t.sims.faults.set({ wms: { latencyMs: 60 } });
    await Promise.all([
      t.query<Edited>(EDIT, { input: { id, name: "Race Renamed" } }),
      t.query('mutation { upsertCustomer(input: { shortId: "RACE-1", phone: "555 0123" }) { userErrors { code } } }'),
    ]);
    const read = await t.query<Read>(READ, { id });
    expect(read.data!.customer).toMatchObject({ name: "Race Renamed", phone: "555 0123" });
  });

  it("does not make edits of different customers wait for each other", async () => {
    t.sims.faults.set({ wms: { latencyMs: 300 } });
    const started = Date.now();
    await Promise.all(ids.slice(2, 6).map((id, i) => t.query<Edited>(EDIT, { input: { id, name: `Parallel ${i}` } })));
    // One edit is three calls of 300 ms (about 0.9 s); four in turn would take 3.6 s.
    expect(Date.now() - started).toBeLessThan(2_400);
  });
});
