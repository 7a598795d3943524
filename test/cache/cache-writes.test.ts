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
    // WMS lists every customer in shortID order, which an edit does not change: the cached list is carried over
    // with the edit's answer put in, for every caller, rather than read again.
    expect(after.data!.customers.nodes.map((n) => n.sourceId)).toEqual(before.data!.customers.nodes.map((n) => n.sourceId));
    expect(after.data!.customers.nodes.filter((_, i) => i !== 2)).toEqual(before.data!.customers.nodes.filter((_, i) => i !== 2));
    // The record is written through for every caller that may see WMS, the reader too.
    expect((await t.query(record, {}, { key: READER })).data).toEqual({ customerBySourceId: { name: "Edited Through The Graph" } });
    expect(t.calls("wms")).toBe(0);
  });

  it("a filtered list is read again after an edit, and a local filter over the carried-over list sees the edit", async () => {
    t = await startCachedGraph(60_000);
    const since = `{ customers(first: 50, filter: { sources: [WMS], updatedSince: "2000-01-01T00:00:00Z" }) { nodes { sourceId name } } }`;
    const search = `{ customers(first: 50, filter: { sources: [WMS], search: "Carried Over" }) { nodes { sourceId name } } }`;
    const before = await t.query<Nodes>(WMS_LIST);
    await t.query(since);
    expect((await t.query<Nodes>(search)).data!.customers.nodes).toEqual([]);
    const target = before.data!.customers.nodes[5]!;
    await t.query(`mutation($id: ID!) { editCustomer(input: { id: $id, name: "Carried Over Ltd" }) { userErrors { message } } }`, { id: target.id });
    t.resetStats();
    // updatedSince goes to WMS (modifiedSince), whose answer the edit can change: that list is read again.
    const sinceAfter = await t.query<Nodes>(since);
    expect(sinceAfter.data!.customers.nodes.find((n) => n.sourceId === target.sourceId)!.name).toBe("Carried Over Ltd");
    expect(t.calls("wms", "GET /Customer/All")).toBe(1);
    t.resetStats();
    // search is applied here, over the unfiltered list, which holds the edit's answer.
    expect((await t.query<Nodes>(search)).data!.customers.nodes).toEqual([{ sourceId: target.sourceId, name: "Carried Over Ltd" }]);
    expect(t.calls("wms")).toBe(0);
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
