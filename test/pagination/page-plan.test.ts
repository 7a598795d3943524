import { describe, expect, it } from "vitest";
import { planPages } from "../../src/pagination/page-plan.js";

describe("planPages", () => {
  it.each([
    // offset, count, max, expected
    [0, 10, 250, { pageSize: 10, pages: [1] }],
    [10, 10, 250, { pageSize: 10, pages: [2] }],
    [90_000, 100, 250, { pageSize: 100, pages: [901] }],
    [5, 10, 250, { pageSize: 15, pages: [1] }],
    [0, 250, 250, { pageSize: 250, pages: [1] }],
    [0, 600, 250, { pageSize: 250, pages: [1, 2, 3] }],
  ])("offset %i count %i (max %i) -> %j", (offset, count, max, expected) => {
    expect(planPages(offset, count, max)).toEqual(expected);
  });

  it("covers every window with at most two pages when the window fits the vendor's maximum", () => {
    for (let offset = 0; offset < 400; offset += 7) {
      for (const count of [1, 2, 3, 10, 49, 100, 249, 250]) {
        const plan = planPages(offset, count, 250);
        expect(plan.pages.length).toBeLessThanOrEqual(2);
        const first = (plan.pages[0]! - 1) * plan.pageSize;
        const end = plan.pages.at(-1)! * plan.pageSize;
        expect(first).toBeLessThanOrEqual(offset);
        expect(end).toBeGreaterThanOrEqual(offset + count);
        expect(plan.pageSize).toBeLessThanOrEqual(250);
      }
    }
  });

  it("answers a deep window with a single page when a page size lines up", () => {
    expect(planPages(90_000, 50, 250).pages).toHaveLength(1);
  });
});
