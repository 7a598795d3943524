import { describe, expect, it } from "vitest";
import { ArraySequence } from "../../src/pagination/array-sequence.js";
import { toPageRequest, type ConnectionArgs } from "../../src/pagination/connection-args.js";
import { paginate, type ConnectionPart } from "../../src/pagination/connection.js";
import { CursorCodec } from "../../src/pagination/cursor-codec.js";
import { NextCursorSequence } from "../../src/pagination/next-cursor-sequence.js";
import { PageNumberSequence } from "../../src/pagination/page-number-sequence.js";
import { positionCodec } from "../../src/pagination/position-codec.js";

const codec = positionCodec(new CursorCodec("test-secret-test-secret"), "test");
const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Builds fresh parts per request, as the server does, with call counters per vendor model. */
function world(sizes: { full: number; paged: number; cursor: number }) {
  const full = range("f", sizes.full);
  const paged = range("p", sizes.paged);
  const cursor = range("c", sizes.cursor);
  const calls = { full: 0, paged: 0, cursor: 0 };
  const parts = (): ConnectionPart<string>[] => [
    { key: "F", sequence: new ArraySequence(async () => (calls.full++, full)) },
    {
      key: "P",
      sequence: new PageNumberSequence(async (page, size) => {
        calls.paged++;
        return { records: paged.slice((page - 1) * size, page * size), totalCount: paged.length };
      }, 7),
    },
    {
      key: "C",
      sequence: new NextCursorSequence(async (after, limit) => {
        calls.cursor++;
        const start = after === null ? 0 : Number(after.slice(3));
        const records = cursor.slice(start, start + limit);
        const next = start + records.length;
        return { records, nextCursor: next < cursor.length ? `at:${next}` : null };
      }, 4),
    },
  ];
  return { all: [...full, ...paged, ...cursor], parts, calls };
}

async function page(parts: ConnectionPart<string>[], args: ConnectionArgs) {
  return paginate(parts, toPageRequest(args), codec);
}

describe("paginate over a concatenation of every pagination model", () => {
  for (const size of [1, 2, 3, 5, 8]) {
    it(`walks forward with first: ${size} through every record exactly once`, async () => {
      const w = world({ full: 6, paged: 11, cursor: 9 });
      const seen: string[] = [];
      let after: string | null = null;
      let hasNext = true;
      let guard = 0;
      while (hasNext && guard++ < 100) {
        const p = await page(w.parts(), { first: size, after });
        seen.push(...p.edges.map((e) => e.node));
        expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
        hasNext = p.pageInfo.hasNextPage;
        after = p.pageInfo.endCursor;
      }
      expect(seen).toEqual(w.all);
    });

    it(`walks backward with last: ${size} through every record exactly once`, async () => {
      const w = world({ full: 6, paged: 11, cursor: 9 });
      const seen: string[] = [];
      let before: string | null = null;
      let hasPrev = true;
      let guard = 0;
      while (hasPrev && guard++ < 100) {
        const p = await page(w.parts(), { last: size, before });
        seen.unshift(...p.edges.map((e) => e.node));
        expect(p.pageInfo.hasNextPage).toBe(before !== null);
        hasPrev = p.pageInfo.hasPreviousPage;
        before = p.pageInfo.startCursor;
      }
      expect(seen).toEqual(w.all);
    });
  }

  it("reports totalCount, or null while a forward-only part has not been read to its end", async () => {
    const w = world({ full: 3, paged: 4, cursor: 5 });
    const first = await page(w.parts(), { first: 2 });
    expect(await first.totalCount()).toBeNull();
    const parts = w.parts();
    await page(parts, { last: 1 });
    const again = await page(parts, { first: 2 });
    expect(await again.totalCount()).toBe(12);
  });

  it("resumes a forward-only part from the vendor cursor carried in our cursor, in one call", async () => {
    const w = world({ full: 0, paged: 0, cursor: 20 });
    const p1 = await page(w.parts(), { first: 6 });
    w.calls.cursor = 0;
    const p2 = await page(w.parts(), { first: 3, after: p1.pageInfo.endCursor });
    expect(p2.edges.map((e) => e.node)).toEqual(["c6", "c7", "c8"]);
    expect(w.calls.cursor).toBe(1);
  });

  it("reads a deep page of a page-numbered part with one vendor call", async () => {
    const w = world({ full: 0, paged: 700, cursor: 0 });
    const first = await page(w.parts(), { first: 5 });
    const cursor = codec.encode({ part: "P", offset: 629 });
    w.calls.paged = 0;
    const deep = await page(w.parts(), { first: 5, after: cursor });
    expect(deep.edges.map((e) => e.node)).toEqual(["p630", "p631", "p632", "p633", "p634"]);
    expect(w.calls.paged).toBe(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
  });

  it("answers first: 0 with no edges and whether records exist", async () => {
    const w = world({ full: 2, paged: 0, cursor: 0 });
    const p = await page(w.parts(), { first: 0 });
    expect(p.edges).toEqual([]);
    expect(p.pageInfo).toMatchObject({ hasNextPage: true, startCursor: null, endCursor: null });
  });

  it("starts the next part's read with the first when the cursor tells the page runs past its part", async () => {
    const order: string[] = [];
    const parts = (gate: Promise<void>): ConnectionPart<string>[] => [
      { key: "F", sequence: new ArraySequence(async () => (order.push("F asked"), await gate, order.push("F answered"), range("f", 6))) },
      {
        key: "P",
        sequence: new PageNumberSequence(async (page, size) => {
          order.push(`P asked ${page}/${size}`);
          return { records: range("p", 11).slice((page - 1) * size, page * size), totalCount: 11 };
        }, 7),
      },
    ];
    const after = (await page(parts(Promise.resolve()), { first: 4 })).pageInfo.endCursor;
    order.length = 0;
    let release!: () => void;
    const p2 = page(parts(new Promise<void>((resolve) => (release = resolve))), { first: 5, after });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Both reads are in flight while F has not answered yet.
    expect(order.sort()).toEqual(["F asked", "P asked 1/3"]);
    release();
    expect((await p2).edges.map((e) => e.node)).toEqual(["f4", "f5", "p0", "p1", "p2"]);
  });

  it("makes no early read without a known length, nor when the page ends inside the part", async () => {
    const w = world({ full: 6, paged: 11, cursor: 9 });
    const inside = await page(w.parts(), { first: 2, after: codec.encode({ part: "F", offset: 1, length: 6 }) });
    expect(inside.edges.map((e) => e.node)).toEqual(["f2", "f3"]);
    const unknown = await page(w.parts(), { first: 6, after: codec.encode({ part: "F", offset: 1 }) });
    expect(unknown.edges.map((e) => e.node)).toEqual(["f2", "f3", "f4", "f5", "p0", "p1"]);
    expect(w.calls.paged).toBe(1);
  });

  it("stays exact when the length a cursor carries is stale (the list changed since)", async () => {
    for (const length of [0, 3, 4, 5, 7, 9, 40]) {
      for (const first of [1, 3, 5, 8, 14, 20]) {
        const w = world({ full: 6, paged: 11, cursor: 9 });
        const after = codec.encode({ part: "F", offset: 2, length });
        const p = await page(w.parts(), { first, after });
        expect(p.edges.map((e) => e.node), `length ${length}, first ${first}`).toEqual(w.all.slice(3, 3 + first));
        expect(p.pageInfo.hasNextPage).toBe(3 + first < w.all.length);
      }
    }
  });

  it("carries the part's length in its cursors, and still reads cursors without one", async () => {
    const w = world({ full: 6, paged: 11, cursor: 9 });
    const p = await page(w.parts(), { first: 8 });
    expect(codec.decode(p.edges[0]!.cursor, "after")).toMatchObject({ part: "F", offset: 0, length: 6 });
    expect(codec.decode(p.edges[7]!.cursor, "after")).toMatchObject({ part: "P", offset: 1, length: 11 });
    const legacy = positionCodec(new CursorCodec("test-secret-test-secret"), "test");
    expect(legacy.decode(codec.encode({ part: "F", offset: 3 }), "after")).toEqual({ part: "F", offset: 3, resume: undefined, length: undefined });
  });

  it("refuses a tampered cursor, naming the argument", async () => {
    const w = world({ full: 3, paged: 0, cursor: 0 });
    const p = await page(w.parts(), { first: 1 });
    const tampered = p.pageInfo.endCursor!.replace(/^./, (c) => (c === "W" ? "X" : "W"));
    await expect(page(w.parts(), { first: 1, after: tampered })).rejects.toThrow(/after is not a cursor/);
  });

  it("refuses a cursor from another connection scope", async () => {
    const other = positionCodec(new CursorCodec("test-secret-test-secret"), "other").encode({ part: "F", offset: 0 });
    await expect(page(world({ full: 3, paged: 0, cursor: 0 }).parts(), { first: 1, after: other })).rejects.toThrow(
      /after is not a cursor/,
    );
  });
});

describe("connection arguments", () => {
  it.each([
    [{ first: 1, last: 1 }, /first and last cannot be used together/],
    [{ first: -1 }, /first must be between 0 and 500, got -1/],
    [{ last: 501 }, /last must be between 0 and 500, got 501/],
    [{ first: 1, before: "x" }, /before goes with last/],
    [{ last: 1, after: "x" }, /after goes with first/],
  ])("refuses %j", (args, message) => {
    expect(() => toPageRequest(args)).toThrow(message);
  });

  it("defaults to the first 50", () => {
    expect(toPageRequest({})).toEqual({ direction: "forward", count: 50, after: null });
  });
});

describe("cursors are signed only when read", () => {
  it("signs no cursor for a page read by its nodes, one for endCursor, each edge's at most once", async () => {
    let signed = 0;
    const counting = { encode: (p: Parameters<typeof codec.encode>[0]) => (signed++, codec.encode(p)), decode: codec.decode };
    const result = await paginate([{ key: "F", sequence: ArraySequence.of(range("f", 50)) }], toPageRequest({ first: 20 }), counting);
    expect(result.edges.map((e) => e.node)).toHaveLength(20);
    expect(signed).toBe(0);
    const end = result.pageInfo.endCursor;
    expect(signed).toBe(1);
    expect(result.edges[19]!.cursor).toBe(end);
    expect(result.pageInfo.endCursor).toBe(end);
    expect(signed).toBe(1);
    expect(codec.decode(end!, "after")).toMatchObject({ part: "F", offset: 19 });
  });
});
