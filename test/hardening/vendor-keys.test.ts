import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { IdCodec } from "../../src/ids.js";
import type { SourceName } from "../../src/model.js";
import { startTestGraph, TEST_ID_SECRET, type GraphResult, type TestGraph } from "../support/graph.js";

const ids = new IdCodec(TEST_ID_SECRET);
const customerId = (source: SourceName, key: string) => ids.encode({ type: "Customer", source, customerId: key });

/** Keys that cannot be a WMS shortID or a Connect customerId (their docs say only "string"). */
const NOT_OPAQUE_KEYS = [
  ["a path", "ACME-CORP/../All"],
  ["a backslash", "ACME\\..\\All"],
  ["a query", "ACME?page=2"],
  ["a fragment", "ACME#x"],
  ["a percent escape", "ACME%2F..%2FAll"],
  ["a dot", "."],
  ["two dots", ".."],
  ["a control character", "ACME\u0001"],
  ["a DEL", "ACME\u007f"],
  ["101 characters", "A".repeat(101)],
] as const;
/** Keys that are not Komet's integer ids. */
const NOT_KOMET_KEYS = ["12a", "-1", "1.5", "0x10", " 12", "1e3"] as const;

const BY_SOURCE_ID = "query($source: Source!, $id: ID!) { customerBySourceId(source: $source, sourceId: $id) { id name } }";
const BY_ID = "query($id: ID!) { customer(id: $id) { id name } node(id: $id) { id } }";
const EDIT = 'mutation($id: ID!) { editCustomer(input: { id: $id, name: "Renamed" }) { customer { id } userErrors { field code } } }';
const DISCONTINUE = "mutation($id: ID!) { discontinueCustomer(id: $id) { customer { id } userErrors { field code } } }";

/** A result without its extensions (extensions.cost says 0 vendor calls; the simulators' counts show that). */
const answer = ({ extensions: _cost, ...rest }: GraphResult) => rest;

describe("vendor keys are checked before any vendor call", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ sizes: { rpm: 5, wms: 5, komet: 5, connect: 5 } });
  });
  afterAll(() => t.close());
  beforeEach(() => t.resetStats());

  describe.each(["WMS", "CONNECT"] as const)("%s", (source) => {
    it.each(NOT_OPAQUE_KEYS)("reads a key with %s as null, calling no vendor", async (_, key) => {
      const bySourceId = await t.query(BY_SOURCE_ID, { source, id: key });
      expect(answer(bySourceId)).toEqual({ status: 200, data: { customerBySourceId: null } });
      const byId = await t.query(BY_ID, { id: customerId(source, key) });
      expect(answer(byId)).toEqual({ status: 200, data: { customer: null, node: null } });
      expect(t.stats()).toEqual({});
    });

    it("still reads a key of the vendor's own", async () => {
      const listed = await t.query<{ customers: { nodes: Array<{ sourceId: string }> } }>(
        `{ customers(first: 1, filter: { sources: [${source}] }) { nodes { sourceId } } }`,
      );
      const key = listed.data!.customers.nodes[0]!.sourceId;
      t.resetStats();
      const res = await t.query<{ customerBySourceId: { name: string } | null }>(BY_SOURCE_ID, { source, id: key });
      expect(res.data!.customerBySourceId).not.toBeNull();
      expect(t.calls(source.toLowerCase() as "wms" | "connect")).toBe(1);
    });
  });

  it.each(NOT_OPAQUE_KEYS)("WMS writes: a key with %s is NOT_FOUND, calling no vendor", async (_, key) => {
    for (const mutation of [EDIT, DISCONTINUE]) {
      const res = await t.query<Record<string, { customer: null; userErrors: Array<{ code: string }> }>>(mutation, { id: customerId("WMS", key) });
      expect(res.errors).toBeUndefined();
      expect(Object.values(res.data!)[0]).toMatchObject({ customer: null, userErrors: [{ code: "NOT_FOUND" }] });
    }
    expect(t.stats()).toEqual({});
  });

  it.each(NOT_KOMET_KEYS)("reads Komet key %j as null, calling no vendor", async (key) => {
    const res = await t.query(BY_SOURCE_ID, { source: "KOMET", id: key });
    expect(answer(res)).toEqual({ status: 200, data: { customerBySourceId: null } });
    const byId = await t.query(BY_ID, { id: customerId("KOMET", key) });
    expect(answer(byId)).toEqual({ status: 200, data: { customer: null, node: null } });
    expect(t.stats()).toEqual({});
  });

  it.each(["0", "-5", "2147483648", "12 "])("RPM: key %j is null to read and NOT_FOUND to edit, calling no vendor", async (key) => {
    expect(answer(await t.query(BY_SOURCE_ID, { source: "RPM", id: key }))).toEqual({ status: 200, data: { customerBySourceId: null } });
    const edit = await t.query<{ editCustomer: { userErrors: Array<{ code: string }> } }>(EDIT, { id: customerId("RPM", key) });
    expect(edit.data!.editCustomer.userErrors).toEqual([{ field: ["input", "id"], code: "NOT_FOUND" }]);
    expect(t.stats()).toEqual({});
  });
});
