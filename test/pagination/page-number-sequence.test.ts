import { describe, expect, it } from "vitest";
import { PageNumberSequence } from "../../src/pagination/page-number-sequence.js";

/** A page-numbered list of `size` numbers that records every page asked for. */
function list(size: number, maxPageSize = 250) {
  const asked: string[] = [];
  const all = Array.from({ length: size }, (_, i) => i);
  const sequence = new PageNumberSequence<number>(async (page, pageSize) => {
    asked.push(`${page}/${pageSize}`);
    return { records: all.slice((page - 1) * pageSize, page * pageSize), totalCount: size };
  }, maxPageSize);
  return { sequence, asked, all };
}

describe("PageNumberSequence", () => {
  it("answers a window from a page it has read already, with no call", async () => {
    const { sequence, asked, all } = list(48);
    expect(await sequence.length()).toBe(48);
    expect(await sequence.slice(1, 47)).toEqual({ items: all.slice(1), more: false });
    expect(await sequence.slice(10, 5)).toEqual({ items: all.slice(10, 15), more: true });
    expect(asked).toEqual(["1/250"]);
  });

  it("shares a page still in flight with a window it covers", async () => {
    const { sequence, asked } = list(48);
    await Promise.all([sequence.length(), sequence.slice(0, 47)]);
    expect(asked).toEqual(["1/250"]);
  });

  it("cuts a window at the known end of the list", async () => {
    const { sequence, asked, all } = list(1_000);
    await sequence.slice(0, 10);
    expect(await sequence.slice(990, 100)).toEqual({ items: all.slice(990), more: false });
    expect(asked).toEqual(["1/10", "100/10"]);
    expect(await sequence.slice(1_000, 10)).toEqual({ items: [], more: false });
    expect(asked).toHaveLength(2);
  });

  it("still reads a window past what its pages hold", async () => {
    const { sequence, asked, all } = list(1_000);
    await sequence.length();
    expect(await sequence.slice(240, 20)).toEqual({ items: all.slice(240, 260), more: true });
    expect(asked).toEqual(["1/250", "13/20"]);
  });
});
