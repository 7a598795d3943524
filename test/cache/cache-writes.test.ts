import { afterEach, describe, expect, it } from "vitest";
import type { TestGraph } from "../support/graph.js";
import { startCachedGraph } from "./support.js";

const READER = "cacheReaderKey0123456789";
const EDITOR = "cacheEditorKey0123456789";
const KEYS = `${READER}=customers:read;${EDITOR}=customers:read,customers:write`;

type Nodes = { customers: { totalCount: number; nodes: Array<{ id: string; sourceId: string; name: string; active: boolean }> } };
const WMS_LIST = `{ customers(first: 50, filter: { sources: [WMS] }) { totalCount nodes { id sourceId name active } } }`;

describe("response cache: writes through the graph invalidate at once, for every caller", () => {
  let t: TestGraph | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("an edit by one caller is seen by the next read of another, list and record", async () => {
    t = await startCachedGraph(60_000, { callerKeys: KEYS });
    const before = await t.query<Nodes>(WMS_LIST, {}, { key: READER });
    const target = before.data!.customers.nodes[2]!;
    const record = `{ customerBySourceId(source: WMS, sourceId: "${target.sourceId}") { name } }`;
    await t.query(record, {}, { key: READER });
    t.resetStats();
    await t.query(WMS_LIST, {}, { key: READER });
    expect(t.calls("wms")).toBe(0);

    const edit = await t.query<{ editCustomer: { userErrors: unknown[] } }>(
      `mutation($id: ID!) { editCustomer(input: { id: $id, name: "Edited Through The Graph" }) { userErrors { message } } }`,
      { id: target.id },
      { key: EDITOR },
    );
    expect(edit.data!.editCustomer.userErrors).toEqual([]);
    t.resetStats();
    const after = await t.query<Nodes>(WMS_LIST, {}, { key: READER });
    expect(after.data!.customers.nodes[2]!.name).toBe("Edited Through The Graph");
    expect(t.calls("wms", "GET /Customer/All")).toBe(1);
    expect((await t.query(record, {}, { key: READER })).data).toEqual({ customerBySourceId: { name: "Edited Through The Graph" } });
  });

  it("an upsert and a discontinue show in the next list", async () => {
    t = await startCachedGraph(60_000);
    const before = await t.query<Nodes>(WMS_LIST);
    await t.query(`mutation { upsertCustomer(input: { shortId: "CACHE-NEW", name: "Cache New Ltd" }) { created } }`);
    const afterUpsert = await t.query<Nodes>(WMS_LIST);
    expect(afterUpsert.data!.customers.totalCount).toBe(before.data!.customers.totalCount + 1);
    const created = afterUpsert.data!.customers.nodes.find((n) => n.sourceId === "CACHE-NEW")!;
    expect(created.active).toBe(true);
    await t.query(`mutation($id: ID!) { discontinueCustomer(id: $id) { customer { active } } }`, { id: created.id });
    const afterDiscontinue = await t.query<Nodes>(WMS_LIST);
    expect(afterDiscontinue.data!.customers.nodes.find((n) => n.sourceId === "CACHE-NEW")!.active).toBe(false);
  });

  it("an RPM edit shows in the customer's cached detail at once, written through: no detail read again", async () => {
    t = await startCachedGraph(60_000);
    const query = `{ customers(first: 2, filter: { sources: [RPM] }) { nodes { id website } } }`;
    const before = await t.query<{ customers: { nodes: Array<{ id: string; website: string | null }> } }>(query);
    const id = before.data!.customers.nodes[0]!.id;
    await t.query(`mutation($id: ID!) { editCustomer(input: { id: $id, website: "https://edited.example.com" }) { userErrors { message } } }`, { id });
    t.resetStats();
    const after = await t.query<{ customers: { nodes: Array<{ id: string; website: string | null }> } }>(query);
    expect(after.data!.customers.nodes[0]!.website).toBe("https://edited.example.com");
    // The edited customer's record is the edit's answer; the other customer's record is untouched by the edit.
    expect(t.calls("rpm", "Customer")).toBe(0);
    expect(after.data!.customers.nodes[1]).toEqual(before.data!.customers.nodes[1]);
  });
});
