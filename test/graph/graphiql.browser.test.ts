import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

describe("GraphiQL on the real server", () => {
  let t: TestGraph;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestGraph();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("opens with the example operations and runs the first against the vendors", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${t.graph.url}/`);
      await page.waitForSelector(".graphiql-query-editor .CodeMirror");
      expect(await page.locator(".graphiql-tab").count()).toBeGreaterThanOrEqual(9);
      expect(await page.locator(".graphiql-query-editor").innerText()).toContain("query FirstCustomers");
      t.resetStats();
      await page.click(".graphiql-execute-button");
      await page.waitForFunction(() => document.querySelector(".result-window")?.textContent?.includes("Maple Ridge"));
      const result = await page.locator(".result-window").innerText();
      expect(result).toContain('"name": "Maple Ridge Dental Group"');
      expect(result).toContain('"hasNextPage": true');
      expect(t.calls("rpm", "Customers")).toBe(1);
      await page.screenshot({ path: "/tmp/graphiql-real.png" });
    } finally {
      await context.close();
    }
  }, 60_000);
});
