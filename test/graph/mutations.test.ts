import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { IdCodec } from "../../src/ids.js";
import { CustomerByIdDocument, CustomerIdsDocument, DiscontinueDocument, EditDocument, UpsertDocument } from "../generated/graphql.js";
import { startTestGraph, TEST_ID_SECRET, type TestGraph } from "../support/graph.js";

const ids = new IdCodec(TEST_ID_SECRET);

describe("mutations over HTTP against the simulators", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ sizes: { rpm: 30, wms: 30, komet: 10, connect: 10 } });
  });
  afterAll(() => t.close());
  beforeEach(() => t.resetStats());

  async function firstId(source: "RPM" | "WMS" | "KOMET" | "CONNECT", index = 0) {
    const res = await t.run(CustomerIdsDocument, { first: index + 1, filter: { sources: [source] } });
    return res.data!.customers.nodes[index]!;
  }

  describe("upsertCustomer", () => {
    it("creates a WMS customer, says so, and a new request reads it back", async () => {
      const res = await t.run(UpsertDocument, {
        input: { shortId: "NEW-1", name: "New One", city: "Rockford", country: "US", email: "a@new.example.com" },
      });
      expect(res.data!.upsertCustomer.userErrors).toEqual([]);
      expect(res.data!.upsertCustomer.created).toBe(true);
      expect(res.data!.upsertCustomer.customer).toMatchObject({ source: "WMS", sourceId: "NEW-1", name: "New One", active: true });
      const read = await t.run(CustomerByIdDocument, { id: res.data!.upsertCustomer.customer!.id });
      expect(read.data!.customer).toMatchObject({ name: "New One", email: "a@new.example.com" });
      expect(read.data!.customer!.locations!.nodes[0]!.address.city).toBe("Rockford");
    });

    it("updates an existing one by shortID, changing only the given fields", async () => {
      await t.run(UpsertDocument, { input: { shortId: "NEW-2", name: "Before", city: "Springfield", phone: "555-0100" } });
      const res = await t.run(UpsertDocument, { input: { shortId: "NEW-2", name: "After" } });
      expect(res.data!.upsertCustomer.created).toBe(false);
      const read = await t.run(CustomerByIdDocument, { id: res.data!.upsertCustomer.customer!.id });
      expect(read.data!.customer).toMatchObject({ name: "After", phone: "555-0100" });
      expect(read.data!.customer!.locations!.nodes[0]!.address.city).toBe("Springfield");
    });

    it.each([
      [{ shortId: "" }, ["input", "shortId"]],
      [{ shortId: "has space" }, ["input", "shortId"]],
      [{ shortId: "X".repeat(21) }, ["input", "shortId"]],
      [{ shortId: "OK-1", email: "not-an-email" }, ["input", "email"]],
      [{ shortId: "OK-1", country: "USA" }, ["input", "country"]],
      [{ shortId: "OK-1", name: "   " }, ["input", "name"]],
      [{ shortId: "OK-1", name: "N".repeat(101) }, ["input", "name"]],
      [{ shortId: "OK-1", phone: "call me" }, ["input", "phone"]],
    ])("refuses %j as INVALID at %j without calling the vendor", async (input, field) => {
      const res = await t.run(UpsertDocument, { input });
      expect(res.data!.upsertCustomer.customer).toBeNull();
      expect(res.data!.upsertCustomer.userErrors).toContainEqual(expect.objectContaining({ field, code: "INVALID" }));
      expect(res.data!.upsertCustomer.userErrors[0]!.message).toMatch(new RegExp(field[1]!));
      expect(t.stats()).toEqual({});
    });

    it("refuses an unknown source before any vendor call", async () => {
      const res = await t.query(`mutation { upsertCustomer(input: { source: SAP, shortId: "X" }) { userErrors { code } } }`);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.message).toContain("SAP");
      expect(t.stats()).toEqual({});
    });

    it("answers READ_ONLY_SOURCE for an upsert at a vendor that has none, without calling it", async () => {
      for (const source of ["RPM", "KOMET", "CONNECT"] as const) {
        const res = await t.run(UpsertDocument, { input: { source, shortId: "X-1", name: "X" } });
        expect(res.data!.upsertCustomer.userErrors).toEqual([expect.objectContaining({ code: "READ_ONLY_SOURCE", field: ["input", "source"] })]);
      }
      expect(t.stats()).toEqual({});
    });

    it("keeps every acknowledged write of 200 concurrent upserts, distinct and repeated", async () => {
      const shortIds = Array.from({ length: 50 }, (_, i) => `LOAD-${i}`);
      const writes = Array.from({ length: 200 }, (_, i) => ({ shortId: shortIds[i % 50]!, name: `Load ${i}`, zip: String(10_000 + i) }));
      const results = await Promise.all(writes.map((input) => t.run(UpsertDocument, { input })));
      const acknowledged = new Map<string, Set<string>>();
      results.forEach((r, i) => {
        expect(r.errors).toBeUndefined();
        expect(r.data!.upsertCustomer.userErrors).toEqual([]);
        const w = writes[i]!;
        expect(r.data!.upsertCustomer.customer).toMatchObject({ sourceId: w.shortId, name: w.name });
        const set = acknowledged.get(w.shortId) ?? new Set();
        set.add(`${w.name}|${w.zip}`);
        acknowledged.set(w.shortId, set);
      });
      expect(results.filter((r) => r.data!.upsertCustomer.created).length).toBe(50);
      const read = await t.run(CustomerIdsDocument, { first: 500, filter: { sources: ["WMS"], search: "Load " } });
      expect(read.data!.customers.nodes.filter((n) => n.sourceId.startsWith("LOAD-"))).toHaveLength(50);
      for (const shortId of shortIds) {
        const id = ids.encode({ type: "Customer", source: "WMS", customerId: shortId });
        const one = await t.run(CustomerByIdDocument, { id });
        const c = one.data!.customer!;
        // Concurrent writes to one shortID land in some order: the survivor must be one acknowledged write, whole
        // (its name and zip together), never a mix or a lost one.
        const zip = c.locations!.nodes[0]!.address.postalCode;
        expect(acknowledged.get(shortId)).toContain(`${c.name}|${zip}`);
      }
    });
  });

  describe("editCustomer", () => {
    it("edits a WMS customer's email, keeping every other field", async () => {
      const target = await firstId("WMS", 2);
      const before = (await t.run(CustomerByIdDocument, { id: target.id })).data!.customer!;
      const res = await t.run(EditDocument, { input: { id: target.id, email: "changed@example.com" } });
      expect(res.data!.editCustomer.userErrors).toEqual([]);
      expect(res.data!.editCustomer.customer).toMatchObject({ email: "changed@example.com", name: before.name });
      const after = (await t.run(CustomerByIdDocument, { id: target.id })).data!.customer!;
      expect(after).toEqual({ ...before, email: "changed@example.com" });
    });

    it("edits an RPM customer's name, website and custom fields, read back in a new request", async () => {
      const target = await firstId("RPM", 1);
      const res = await t.run(EditDocument, {
        input: { id: target.id, name: "Renamed Co", website: "https://renamed.example.com", customFields: [{ name: "Tier", value: "Gold" }] },
      });
      expect(res.data!.editCustomer.userErrors).toEqual([]);
      expect(res.data!.editCustomer.customer).toMatchObject({ name: "Renamed Co", website: "https://renamed.example.com" });
      const read = (await t.run(CustomerByIdDocument, { id: target.id })).data!.customer!;
      expect(read).toMatchObject({ name: "Renamed Co", website: "https://renamed.example.com" });
      expect(read.customFields).toContainEqual({ name: "Tier", value: "Gold" });
    });

    it("refuses renaming an RPM customer to a taken name as CONFLICT", async () => {
      const a = await firstId("RPM", 3);
      const b = await firstId("RPM", 4);
      const res = await t.run(EditDocument, { input: { id: a.id, name: b.name } });
      expect(res.data!.editCustomer).toMatchObject({ customer: null, userErrors: [expect.objectContaining({ code: "CONFLICT" })] });
    });

    it("answers NOT_FOUND for a customer the vendor does not have", async () => {
      for (const [source, customerId] of [["RPM", "987654"], ["WMS", "NO-SUCH-ONE"]] as const) {
        const id = ids.encode({ type: "Customer", source, customerId });
        const res = await t.run(EditDocument, { input: { id, name: "Whoever" } });
        expect(res.data!.editCustomer.userErrors).toEqual([expect.objectContaining({ code: "NOT_FOUND" })]);
      }
    });

    it("answers READ_ONLY_SOURCE for Komet and Connect without calling them", async () => {
      const komet = await firstId("KOMET");
      const connect = await firstId("CONNECT");
      t.resetStats();
      for (const target of [komet, connect]) {
        const res = await t.run(EditDocument, { input: { id: target.id, name: "Nope" } });
        expect(res.data!.editCustomer.userErrors).toEqual([expect.objectContaining({ code: "READ_ONLY_SOURCE" })]);
      }
      expect(t.stats()).toEqual({});
    });

    it("refuses a field the vendor cannot change, naming it, without calling it", async () => {
      const rpm = await firstId("RPM");
      t.resetStats();
      const res = await t.run(EditDocument, { input: { id: rpm.id, email: "x@example.com" } });
      expect(res.data!.editCustomer.userErrors).toEqual([
        expect.objectContaining({ code: "READ_ONLY_SOURCE", field: ["input", "email"] }),
      ]);
      expect(t.stats()).toEqual({});
    });

    it.each([
      [{ website: "ftp://files.example.com" }, ["input", "website"]],
      [{ website: "not a url" }, ["input", "website"]],
      [{ email: "nope@" }, ["input", "email"]],
      [{ name: "" }, ["input", "name"]],
      [{ customFields: Array.from({ length: 51 }, (_, i) => ({ name: `f${i}`, value: "v" })) }, ["input", "customFields"]],
      [{ customFields: [{ name: " ", value: "v" }] }, ["input", "customFields", "0", "name"]],
    ])("refuses %j as INVALID at %j without calling the vendor", async (patch, field) => {
      const rpm = await firstId("RPM");
      t.resetStats();
      const res = await t.run(EditDocument, { input: { id: rpm.id, ...patch } });
      expect(res.data!.editCustomer.userErrors).toContainEqual(expect.objectContaining({ field, code: "INVALID" }));
      expect(t.stats()).toEqual({});
    });

    it("refuses an id that is not a customer id", async () => {
      const res = await t.run(EditDocument, { input: { id: "garbage", name: "X" } });
      expect(res.data!.editCustomer.userErrors).toEqual([expect.objectContaining({ field: ["input", "id"], code: "INVALID" })]);
      expect(t.stats()).toEqual({});
    });
  });

  describe("discontinueCustomer", () => {
    it("discontinues a WMS customer, which then reads inactive and is still found; twice is no error", async () => {
      const target = await firstId("WMS", 5);
      for (let i = 0; i < 2; i++) {
        const res = await t.run(DiscontinueDocument, { id: target.id });
        expect(res.data!.discontinueCustomer).toMatchObject({ userErrors: [], customer: { sourceId: target.sourceId, active: false } });
      }
      const read = await t.run(CustomerByIdDocument, { id: target.id });
      expect(read.data!.customer).toMatchObject({ active: false, name: target.name });
    });

    it("answers READ_ONLY_SOURCE for vendors without discontinue, without calling them", async () => {
      const targets = [await firstId("RPM"), await firstId("KOMET"), await firstId("CONNECT")];
      t.resetStats();
      for (const target of targets) {
        const res = await t.run(DiscontinueDocument, { id: target.id });
        expect(res.data!.discontinueCustomer.userErrors).toEqual([expect.objectContaining({ code: "READ_ONLY_SOURCE" })]);
      }
      expect(t.stats()).toEqual({});
    });
  });
});
