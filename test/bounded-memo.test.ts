import { describe, expect, it } from "vitest";
import { BoundedMemo } from "../src/bounded-memo.js";
import { IdCodec } from "../src/ids.js";

describe("BoundedMemo", () => {
  it("keeps at most its capacity, dropping the entry written longest ago", () => {
    const memo = new BoundedMemo<string, number>(2);
    memo.set("a", 1);
    memo.set("b", 2);
    memo.set("c", 3);
    expect([memo.get("a"), memo.get("b"), memo.get("c"), memo.size]).toEqual([undefined, 2, 3, 2]);
  });
});

describe("IdCodec with its memo", () => {
  it("answers the same id and reference on repeat, and a caller changing a decoded reference changes no later answer", () => {
    const codec = new IdCodec("memo-test-secret-0123456789");
    const ref = { type: "Customer", source: "WMS", customerId: "ACME-CORP" } as const;
    const id = codec.encode(ref);
    expect(codec.encode({ ...ref })).toBe(id);
    const first = codec.decode(id)!;
    (first as { customerId: string }).customerId = "EDITED";
    expect(codec.decode(id)).toEqual(ref);
    expect(codec.decode(id.slice(0, -2) + (id.endsWith("A") ? "B" : "A"))).toBeNull();
  });
});
