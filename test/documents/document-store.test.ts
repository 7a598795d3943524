import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { documentStore } from "../../src/documents/document-store.js";

const doc = (i: number) => parse(`query Q${i} { customers(first: ${i}) { nodes { id } } }`);

describe("documentStore", () => {
  it("bounds the documents it keeps by their text, dropping the one used longest ago", async () => {
    const one = doc(10).loc!.end;
    const store = documentStore(one * 3);
    for (const i of [10, 11, 12]) await store.set(`k${i}`, doc(i));
    expect(await store.get("k10")).toBeDefined(); // now the most recently used
    await store.set("k13", doc(13));
    expect(await store.get("k11")).toBeUndefined();
    expect((await Promise.all(["k10", "k12", "k13"].map((k) => store.get(k)))).every(Boolean)).toBe(true);
  });

  it("keeps no document longer than the whole bound, and keeps nothing for a deleted key", async () => {
    const store = documentStore(20);
    await store.set("big", doc(10));
    expect(await store.get("big")).toBeUndefined();
    const roomy = documentStore();
    await roomy.set("k", doc(1));
    await roomy.delete("k");
    expect(await roomy.get("k")).toBeUndefined();
  });

  it("finds a document remembered by its query hash under Apollo's key, which puts the schema's hash in front", async () => {
    const store = documentStore();
    const queryHash = "ab".repeat(32);
    expect(store.has(queryHash)).toBe(false);
    store.remember(queryHash, doc(5));
    expect(store.has(queryHash)).toBe(true);
    expect(await store.get(`${"cd".repeat(32)}:${queryHash}`)).toBe(await store.get(queryHash));
    expect(await store.get(`${"cd".repeat(32)}:${"ef".repeat(32)}`)).toBeUndefined();
  });
});
