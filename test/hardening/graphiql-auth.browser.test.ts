import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

const KEY = "graphiql-key-0123456789abcdef";
/** The editor of the open tool tab (Variables or Headers); the other one is hidden. */
const TOOL_EDITOR = ".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror";

describe("GraphiQL with caller keys configured", () => {
  let t: TestGraph;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestGraph({ callerKeys: `${KEY}=customers:read` });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Opens GraphiQL (its page needs no key) with the first example, FirstCustomers, in the editor. */
  async function openGraphiql(): Promise<{ page: Page; close(): Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${t.graph.url}/`);
    await page.waitForSelector(".graphiql-query-editor .CodeMirror");
    return { page, close: () => context.close() };
  }

  async function runAndRead(page: Page, expected: string): Promise<string> {
    await page.click(".graphiql-execute-button");
    await page.waitForFunction((text) => document.querySelector(".result-window")?.textContent?.includes(text), expected, { timeout: 15_000 });
    return page.locator(".result-window").innerText();
  }

  it("shows the 401 when the Headers pane holds no key, and calls no vendor", async () => {
    const { page, close } = await openGraphiql();
    try {
      expect(await page.locator("#auth-hint").innerText()).toContain('{"Authorization": "Bearer <your key>"}');
      t.resetStats();
      const result = await runAndRead(page, "UNAUTHENTICATED");
      expect(result).toContain('"code": "UNAUTHENTICATED"');
      expect(result).toContain("Authorization: Bearer <key>");
      expect(result).not.toContain("Maple Ridge");
      expect(t.stats()).toEqual({});
    } finally {
      await close();
    }
  }, 60_000);

  it("runs the query once the key is entered in the Headers pane", async () => {
    const { page, close } = await openGraphiql();
    try {
      // As a user would: open Headers, replace the "{}" there, paste the header.
      await page.getByRole("button", { name: "Headers", exact: true }).click();
      await page.click(TOOL_EDITOR);
      await page.keyboard.press("Control+A");
      await page.keyboard.insertText(`{"Authorization": "Bearer ${KEY}"}`);
      expect(await page.locator(`${TOOL_EDITOR} .CodeMirror-line`).allInnerTexts()).toEqual([`{"Authorization": "Bearer ${KEY}"}`]);
      t.resetStats();
      const result = await runAndRead(page, "Maple Ridge");
      expect(result).toContain('"name": "Maple Ridge Dental Group"');
      expect(result).not.toContain("UNAUTHENTICATED");
      expect(t.calls("rpm", "Customers")).toBe(1);
      await page.screenshot({ path: "/tmp/graphiql-auth.png" });

      // The schema fetch at page load had no key; re-fetching sends the one now in Headers (as the README says).
      const introspection = page.waitForResponse((r) => r.url().endsWith("/graphql") && (r.request().postData() ?? "").includes("IntrospectionQuery"));
      await page.click('button[aria-label="Re-fetch GraphQL schema"]');
      expect((await introspection).status()).toBe(200);
      await page.click('button[aria-label="Show Documentation Explorer"]');
      await page.waitForFunction(() => document.querySelector(".graphiql-plugin")?.textContent?.includes("query: Query"), undefined, { timeout: 15_000 });
    } finally {
      await close();
    }
  }, 60_000);
});
