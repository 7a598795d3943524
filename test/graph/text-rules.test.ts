import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "../support/graph.js";

const EDIT = "mutation($input: EditCustomerInput!) { editCustomer(input: $input) { customer { name } userErrors { field message code } } }";
const UPSERT = "mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { customer { name } userErrors { field message code } } }";
type Payload = { customer: { name: string } | null; userErrors: Array<{ field: string[]; message: string; code: string }> };

/** Texts that show nothing: zero-width space, Hangul filler and braille blank, a joiner, a combining mark alone. */
const INVISIBLE = ["\u200B", "\u3164\u2800", "\u200B\u200D\u2060", " \uFEFF ", "\u0301", "\u115F\u1160\uFFA0"];
const CONTROL = ["Acme\u0000", "line\nbreak", "tab\there", "bell\u0007", "del\u007F", "c1\u0085"];

describe("text inputs: visible names, no control characters, one address rule (over HTTP)", () => {
  let t: TestGraph;
  let rpmId: string;
  let wmsId: string;
  beforeAll(async () => {
    t = await startTestGraph({ sizes: { rpm: 3, wms: 3, komet: 3, connect: 3 } });
    const ids = await t.query<{ customers: { nodes: Array<{ id: string; source: string }> } }>("{ customers(first: 20) { nodes { id source } } }");
    rpmId = ids.data!.customers.nodes.find((n) => n.source === "RPM")!.id;
    wmsId = ids.data!.customers.nodes.find((n) => n.source === "WMS")!.id;
  });
  afterAll(() => t.close());
  beforeEach(() => t.resetStats());

  const edit = async (input: Record<string, unknown>) => (await t.query<{ editCustomer: Payload }>(EDIT, { input })).data!.editCustomer;
  const upsert = async (input: Record<string, unknown>) => (await t.query<{ upsertCustomer: Payload }>(UPSERT, { input })).data!.upsertCustomer;
  const refusedAt = (payload: Payload, field: string[], rule: RegExp) => {
    expect(payload.customer).toBeNull();
    expect(payload.userErrors).toContainEqual({ field, code: "INVALID", message: expect.stringMatching(rule) });
    expect(t.stats()).toEqual({});
  };

  it.each(INVISIBLE)("refuses the name %j in editCustomer, upsertCustomer and a custom field's name", async (name) => {
    refusedAt(await edit({ id: wmsId, name }), ["input", "name"], /^name must contain a visible character/);
    refusedAt(await upsert({ shortId: "BLANK-1", name }), ["input", "name"], /^name must contain a visible character/);
    refusedAt(await edit({ id: rpmId, customFields: [{ name, value: "v" }] }), ["input", "customFields", "0", "name"], /^name must contain a visible character/);
  });

  it.each(CONTROL)("refuses the control characters in %j in every text input", async (text) => {
    const rule = (field: string) => new RegExp(`^${field} must not contain control characters`);
    refusedAt(await edit({ id: wmsId, name: text }), ["input", "name"], rule("name"));
    refusedAt(await edit({ id: wmsId, address: text }), ["input", "address"], rule("address"));
    refusedAt(await edit({ id: rpmId, customFields: [{ name: "Region", value: text }] }), ["input", "customFields", "0", "value"], rule("value"));
    refusedAt(await edit({ id: rpmId, customFields: [{ name: text, value: "v" }] }), ["input", "customFields", "0", "name"], rule("name"));
    for (const field of ["name", "address1", "address2", "city", "state", "zip", "contact"]) {
      refusedAt(await upsert({ shortId: "CTRL-1", [field]: text.slice(0, 8) }), ["input", field], rule(field));
    }
    for (const field of ["search", "code", "salesPersonId"]) {
      const res = await t.query(`query($f: CustomerFilter) { customers(first: 1, filter: $f) { totalCount } }`, { f: { [field]: text } });
      expect(res.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) })]);
      expect(JSON.stringify(res.errors![0])).toMatch(rule(field).source.slice(1));
      expect(t.stats()).toEqual({});
    }
  });

  it("keeps names in any script, and symbols, as visible", async () => {
    for (const name of ["株式会社 Δ", "Ölwerk GmbH", "😀", "Ａ\u200B"]) {
      const res = await edit({ id: wmsId, name });
      expect(res.userErrors).toEqual([]);
      expect(res.customer!.name).toBe(name);
    }
  });

  describe("the WMS address line: at most 100 characters in both mutations", () => {
    it("refuses 101 in editCustomer's address and upsertCustomer's address1 and address2, before any call", async () => {
      refusedAt(await edit({ id: wmsId, address: "A".repeat(101) }), ["input", "address"], /^address must be at most 100 characters$/);
      refusedAt(await upsert({ shortId: "ADDR-1", address1: "A".repeat(101) }), ["input", "address1"], /^address1 must be at most 100 characters$/);
      refusedAt(await upsert({ shortId: "ADDR-1", address2: "A".repeat(101) }), ["input", "address2"], /^address2 must be at most 100 characters$/);
    });

    it("takes 100 in both", async () => {
      expect((await edit({ id: wmsId, address: "E".repeat(100) })).userErrors).toEqual([]);
      expect((await upsert({ shortId: "ADDR-2", address1: "U".repeat(100) })).userErrors).toEqual([]);
    });
  });
});
