import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pageOfArray } from "../../src/pagination/array-page.js";
import { ArraySequence } from "../../src/pagination/array-sequence.js";
import { toPageRequest, type ConnectionArgs } from "../../src/pagination/connection-args.js";
import { paginate, type ConnectionPage } from "../../src/pagination/connection.js";
import { CursorCodec } from "../../src/pagination/cursor-codec.js";
import { positionCodec } from "../../src/pagination/position-codec.js";

// pageOfArray is paginate's answer for one in-memory part, computed synchronously: both must agree on every
// request, cursors included, and fail alike on a cursor from elsewhere.
const cursors = new CursorCodec("test-secret-test-secret");
const codec = positionCodec(cursors, "contacts|RPM:1");
const foreign = positionCodec(cursors, "contacts|RPM:2");

async function settle(page: () => ConnectionPage<string> | Promise<ConnectionPage<string>>) {
  try {
    const p = await page();
    return {
      nodes: p.nodes ?? p.edges.map((e) => e.node),
      edges: p.edges.map((e) => ({ node: e.node, cursor: e.cursor })),
      pageInfo: {
        hasNextPage: p.pageInfo.hasNextPage,
        hasPreviousPage: p.pageInfo.hasPreviousPage,
        startCursor: p.pageInfo.startCursor,
        endCursor: p.pageInfo.endCursor,
      },
      totalCount: await p.totalCount(),
    };
  } catch (err) {
    return { error: String(err) };
  }
}

describe("pageOfArray", () => {
  it("answers exactly what paginate answers over the same list (property, 1,000 runs)", async () => {
    // Cursors at any offset (past the end too), of this part, another part, or another customer's connection.
    const cursor = fc.oneof(
      fc.record({ offset: fc.integer({ min: 0, max: 12 }), part: fc.constantFrom("contacts", "locations"), other: fc.boolean() })
        .map(({ offset, part, other }) => (other ? foreign : codec).encode({ part, offset, length: 5 })),
      fc.constant("not-a-cursor"),
    );
    const args = fc.oneof(
      fc.record({ first: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }), after: fc.option(cursor, { nil: undefined }) }),
      fc.record({ last: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }), before: fc.option(cursor, { nil: undefined }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 3 }), { maxLength: 9 }), args, async (list, connectionArgs) => {
        const request = toPageRequest(connectionArgs as ConnectionArgs);
        const expected = await settle(() => paginate([{ key: "contacts", sequence: ArraySequence.of(list) }], request, codec));
        const actual = await settle(() => pageOfArray(list, "contacts", request, () => codec, (s) => s));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("maps only the page's records, and signs no cursor unless one is read", () => {
    const mapped: number[] = [];
    let encoded = 0;
    const counting = { encode: (p: Parameters<typeof codec.encode>[0]) => (encoded++, codec.encode(p)), decode: codec.decode };
    const page = pageOfArray([1, 2, 3, 4, 5], "locations", toPageRequest({ first: 2 }), () => counting, (n) => (mapped.push(n), n * 10));
    expect(page.nodes).toEqual([10, 20]);
    expect(mapped).toEqual([1, 2]);
    expect(encoded).toBe(0);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(typeof page.pageInfo.endCursor).toBe("string");
    expect(encoded).toBe(1);
  });
});
