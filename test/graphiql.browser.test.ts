import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { buildSchema, graphql } from "graphql";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphiqlHandler, type GraphiqlExample } from "../src/graphiql/page.js";
import { launchChromium } from "./support/browser.js";

const examples: GraphiqlExample[] = [
  { name: "Say hello", query: "query Hello {\n  hello\n}" },
  {
    // Unescaped, this name and these variables would close the page's config <script> early and
    // inject a script; the CSP would block it, so the test also watches for CSP violations.
    name: "</script><script>window.injected = true</script>",
    query: "query Echo($text: String) {\n  echo(text: $text)\n}",
    variables: '{"text": "</script><!--"}',
  },
];

// Stands in for the real server until the lead points this test at it: the handler first, then
// a bare GraphQL-over-HTTP POST endpoint.
const schema = buildSchema("type Query { hello: String, echo(text: String): String }");
const rootValue = { hello: () => "world", echo: ({ text }: { text: string | null }) => text };

interface GraphqlBody {
  query?: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

async function answerGraphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as GraphqlBody;
  const result = await graphql({
    schema,
    rootValue,
    source: body.query ?? "",
    variableValues: body.variables ?? undefined,
    operationName: body.operationName ?? undefined,
  });
  res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(result));
}

async function startServer(): Promise<{ url: string; close(): Promise<void> }> {
  const graphiql = createGraphiqlHandler({ endpoint: "/graphql", examples });
  const server = createServer((req, res) => {
    if (graphiql(req, res)) return;
    if (req.method === "POST" && req.url === "/graphql") {
      answerGraphql(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
      return;
    }
    res.writeHead(404).end();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("GraphiQL page", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("serves the page and its assets itself, under a same-origin CSP", async () => {
    const page = await fetch(`${server.url}/graphiql`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const html = await page.text();
    expect(html).not.toMatch(/\bhttps?:\/\//);
    expect(html).not.toContain("<script>window.injected");

    const js = await fetch(`${server.url}/graphiql/assets/graphiql.min.js`);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect((await js.text()).length).toBeGreaterThan(100_000);
    const css = await fetch(`${server.url}/graphiql/assets/graphiql.min.css`);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect((await fetch(`${server.url}/graphiql/assets/..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/graphiql/assets/nope.js`)).status).toBe(404);
    // Anything else falls through to the next handler (here, the test server's 404).
    expect((await fetch(`${server.url}/`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("runs the first example in Chromium without contacting any other origin", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const requests: string[] = [];
      context.on("request", (request) => requests.push(request.url()));
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      await page.exposeFunction("reportCspViolation", (violation: string) => {
        problems.push(`CSP violation: ${violation}`);
      });
      await page.addInitScript(() => {
        const report = (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation;
        document.addEventListener("securitypolicyviolation", (event) => {
          report(`${event.effectiveDirective} blocked ${event.blockedURI}`);
        });
      });

      await page.goto(`${server.url}/`);
      await page.waitForSelector(".graphiql-query-editor .CodeMirror");
      expect(await page.locator(".graphiql-tab").count()).toBe(examples.length);
      expect(await page.locator(".graphiql-query-editor").innerText()).toContain("query Hello");

      await page.click(".graphiql-execute-button");
      await page.waitForFunction(() => document.querySelector(".result-window")?.textContent?.includes("world"));
      expect(await page.locator(".result-window").innerText()).toContain('"hello": "world"');
      await page.screenshot({ path: "/tmp/graphiql.png" });

      // The hostile example arrives as text in its tab, not as markup.
      await page.locator(".graphiql-tab").nth(1).click();
      await page.waitForFunction(() => document.querySelector(".graphiql-query-editor")?.textContent?.includes("Echo"));
      expect(await page.locator(".graphiql-query-editor").innerText()).toContain(
        "# </script><script>window.injected = true</script>",
      );
      expect(await page.evaluate(() => "injected" in window)).toBe(false);

      // Dialogs inject <style> at runtime; a stricter style-src would show up here as a violation.
      await page.click('button[aria-label="Open settings dialog"]');
      await page.waitForSelector('[role="dialog"]');
      await page.keyboard.press("Escape");

      expect(problems).toEqual([]);
      expect(requests).toContain(`${server.url}/graphql`);
      const elsewhere = requests.filter((url) => !url.startsWith("data:") && new URL(url).origin !== server.url);
      expect(elsewhere).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
