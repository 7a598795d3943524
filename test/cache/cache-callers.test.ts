import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestGraph } from "../support/graph.js";
import { startCachedGraph } from "./support.js";

const READER = "callerReaderKey012345678";
const OTHER_READER = "callerReaderTwo012345678";
const READER_WRITER = "callerWriterKey012345678";
const WMS_ONLY = "callerWmsOnlyKey01234567";
const KEYS = [
  `${READER}=customers:read,name:reader`,
  `${OTHER_READER}=customers:read,name:reader-two`,
  `${READER_WRITER}=customers:read,customers:write`,
  `${WMS_ONLY}=customers:read,source:WMS`,
].join(";");

const WMS_LIST = `{ customers(first: 5, filter: { sources: [WMS] }) { nodes { sourceId name } } }`;

describe("response cache: never shared between callers whose scopes or sources differ", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startCachedGraph(60_000, { callerKeys: KEYS });
  });
  afterAll(() => t.close());

  /** Vendor list calls one caller's query costs. */
  async function listCallsOf(key: string): Promise<number> {
    t.resetStats();
    const res = await t.query(WMS_LIST, {}, { key });
    expect(res.errors).toBeUndefined();
    return t.calls("wms", "GET /Customer/All");
  }

  it("gives each combination of scopes and sources its own entries; keys with the same grants share", async () => {
    expect(await listCallsOf(READER)).toBe(1);
    expect(await listCallsOf(READER)).toBe(0);
    // Another scope set: its first query goes to the vendor.
    expect(await listCallsOf(READER_WRITER)).toBe(1);
    // The same scopes but fewer sources: its own entries too.
    expect(await listCallsOf(WMS_ONLY)).toBe(1);
    // Another key with exactly the reader's grants is served the reader's entries.
    expect(await listCallsOf(OTHER_READER)).toBe(0);
    expect(await listCallsOf(READER_WRITER)).toBe(0);
  });

  it("keeps a source-limited caller out of sources it may not see, cache or not", async () => {
    await t.query(`{ customers(first: 3, filter: { sources: [RPM] }) { nodes { sourceId } } }`, {}, { key: READER });
    t.resetStats();
    const res = await t.query(`{ customers(first: 3) { nodes { source } } }`, {}, { key: WMS_ONLY });
    expect(new Set(res.data ? (res.data as { customers: { nodes: Array<{ source: string }> } }).customers.nodes.map((n) => n.source) : [])).toEqual(
      new Set(["WMS"]),
    );
    expect(t.calls("rpm")).toBe(0);
  });
});
