import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

const KEY = "browser-app-key-0123456789abcdef";
const QUERY = "{ customers(first: 2, filter: { sources: [WMS] }) { nodes { name } } }";

/** A frontend app's own server: one blank page, on its own loopback origin. */
async function startAppServer(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<!doctype html><title>app</title><p>app</p>");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

type Outcome = { status: number; names: string[] } | { failed: string };

describe("a browser app on another origin (Chromium)", () => {
  let allowedApp: Awaited<ReturnType<typeof startAppServer>>;
  let otherApp: Awaited<ReturnType<typeof startAppServer>>;
  let configured: TestGraph;
  let byDefault: TestGraph;
  let browser: Browser;

  beforeAll(async () => {
    [allowedApp, otherApp] = await Promise.all([startAppServer(), startAppServer()]);
    [configured, byDefault] = await Promise.all([
      startTestGraph({ callerKeys: `${KEY}=customers:read`, corsOrigins: { origins: [allowedApp.origin], anyLoopback: false } }),
      startTestGraph({ callerKeys: `${KEY}=customers:read` }),
    ]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([configured?.close(), byDefault?.close()]);
    for (const app of [allowedApp, otherApp]) app?.server.close();
  });

  /** Opens the app's page and runs the query from it with fetch, as the app's code would. */
  async function queryFrom(appOrigin: string, graphUrl: string): Promise<Outcome> {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${appOrigin}/`);
      return await page.evaluate(
        async ({ endpoint, key, query }) => {
          try {
            const res = await fetch(endpoint, {
              method: "POST",
              headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
              body: JSON.stringify({ query }),
            });
            const body = (await res.json()) as { data: { customers: { nodes: Array<{ name: string }> } } };
            return { status: res.status, names: body.data.customers.nodes.map((n) => n.name) };
          } catch (error) {
            return { failed: String(error) };
          }
        },
        { endpoint: `${graphUrl}/graphql`, key: KEY, query: QUERY },
      );
    } finally {
      await context.close();
    }
  }

  it("runs a query with a key when the app's origin is in CORS_ORIGINS", async () => {
    configured.resetStats();
    const outcome = await queryFrom(allowedApp.origin, configured.graph.url);
    expect(outcome).toEqual({ status: 200, names: [expect.any(String), expect.any(String)] });
    expect(configured.calls("wms")).toBeGreaterThan(0);
  }, 30_000);

  it("is blocked when the app's origin is not, and its request never runs", async () => {
    configured.resetStats();
    const outcome = await queryFrom(otherApp.origin, configured.graph.url);
    expect(outcome).toEqual({ failed: expect.stringContaining("Failed to fetch") });
    // The preflight was refused, so the POST was never sent: no vendor call.
    expect(configured.stats()).toEqual({});
  }, 30_000);

  it("lets any loopback origin call by default in development", async () => {
    const outcome = await queryFrom(otherApp.origin, byDefault.graph.url);
    expect(outcome).toEqual({ status: 200, names: [expect.any(String), expect.any(String)] });
  }, 30_000);
});
