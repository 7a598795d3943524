import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

const MANIFEST = new URL("../generated/client/persisted-documents.json", import.meta.url).pathname;

describe("GraphiQL with TRUSTED_DOCUMENTS enforced, in development", () => {
  let t: TestGraph;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestGraph({ trustedDocuments: { paths: [MANIFEST], mode: "enforce" } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("still introspects and runs an edited document that no manifest holds", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${t.graph.url}/`);
      await page.waitForSelector(".graphiql-query-editor .CodeMirror");
      // The tab's text (with its comments) is not the manifest's text: only GraphiQL's marker lets it through.
      expect(await page.locator(".graphiql-query-editor").innerText()).toContain("# The first page of customers");
      await page.click(".graphiql-execute-button");
      await page.waitForFunction(() => document.querySelector(".result-window")?.textContent?.includes("hasNextPage"));
      const result = await page.locator(".result-window").innerText();
      expect(result).not.toContain("PERSISTED_QUERY_NOT_IN_LIST");
      expect(result).toContain('"hasNextPage": true');
    } finally {
      await context.close();
    }
  }, 60_000);
});
