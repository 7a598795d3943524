import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode } from "../../src/errors.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

const KEY = "refusals-key-0123456789abcdef";

/** The values the `type` label of the operations counter has taken so far. */
async function operationTypes(t: TestGraph): Promise<Set<string>> {
  const text = await (await fetch(`${t.graph.url}/metrics`)).text();
  return new Set([...text.matchAll(/^customer_graph_graphql_operations_total\{[^}]*type="([^"]*)"/gm)].map((m) => m[1]!));
}

describe("clean refusals", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ callerKeys: `${KEY}=customers:read` });
  });
  afterAll(async () => t?.close());

  it("refuses a subscription with 400 SUBSCRIPTIONS_NOT_SUPPORTED, no vendor call, and counts it under a documented type", async () => {
    t.resetStats();
    const res = await t.query("subscription { customers(first: 1) { totalCount } }", undefined, { key: KEY });
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      expect.objectContaining({ extensions: { code: ErrorCode.SUBSCRIPTIONS_NOT_SUPPORTED }, message: expect.stringContaining("Subscriptions") }),
    ]);
    expect(t.stats()).toEqual({});
    for (const type of await operationTypes(t)) expect(["query", "mutation", "unknown"]).toContain(type);
    expect(await operationTypes(t)).toContain("unknown");
  });

  it("refuses what docs/clients.md says is not offered: batched requests and @defer, with no vendor call", async () => {
    t.resetStats();
    const batch = await fetch(`${t.graph.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
      body: JSON.stringify([{ query: "{ sources { source } }" }, { query: "{ sources { source } }" }]),
    });
    expect(batch.status).toBe(400);
    expect(((await batch.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe(ErrorCode.BAD_REQUEST);
    const deferred = await t.query("{ customers(first: 1) { nodes { id ... @defer { name } } } }", undefined, { key: KEY });
    expect(deferred.status).toBe(400);
    expect(deferred.errors![0]!.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(deferred.errors![0]!.message).toContain('Unknown directive "@defer"');
    expect(t.stats()).toEqual({});
  });

  it("answers a browser opening /graphql with GraphiQL, not Apollo's landing page", async () => {
    const res = await fetch(`${t.graph.url}/graphql`, { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("graphiql");
    // Apollo's page loads its scripts from a CDN; GraphiQL's come from this server (only an example names a URL).
    expect(html).toContain('src="/graphiql/assets/');
    expect(html).not.toMatch(/apollo|<script[^>]+src="https?:/i);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("counts Authorization as the CSRF preflight header: so a keyed GET runs", async () => {
    const url = `${t.graph.url}/graphql?query=${encodeURIComponent("{ sources { source } }")}`;
    // urql's default: a GET with only Accept, and here the key.
    const keyed = await fetch(url, { headers: { accept: "application/graphql-response+json, application/json", authorization: `Bearer ${KEY}` } });
    expect(keyed.status).toBe(200);
    expect(((await keyed.json()) as { data: { sources: unknown[] } }).data.sources.length).toBe(4);
  });
});

describe("clean refusals without caller keys", () => {
  let open: TestGraph;
  let production: TestGraph;
  beforeAll(async () => {
    [open, production] = await Promise.all([startTestGraph(), startTestGraph({ production: true })]);
  });
  afterAll(async () => Promise.all([open?.close(), production?.close()]));

  it("keeps CSRF prevention on: a GET with neither a key nor a preflight header is refused, no vendor call", async () => {
    const url = `${open.graph.url}/graphql?query=${encodeURIComponent("{ customers(first: 1) { nodes { name } } }")}`;
    const res = await fetch(url, { headers: { accept: "application/json" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe(ErrorCode.BAD_REQUEST);
    expect(open.stats()).toEqual({});
    expect((await fetch(url, { headers: { accept: "application/json", "apollo-require-preflight": "true" } })).status).toBe(200);
  });

  it("answers a browser opening /graphql in production with a plain 404", async () => {
    const res = await fetch(`${production.graph.url}/graphql`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.text()).not.toMatch(/apollo|<html/i);
  });
});
