import { auditServer, type AuditResult } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "../support/graph.js";

/**
 * Warnings (SHOULD-level findings) the GraphQL-over-HTTP audit reports for this server, each accepted on
 * purpose. All three are one choice of Apollo Server 5: a request error (the document does not parse, does
 * not validate, or its variables do not coerce) is answered 400 even when the client accepts only the legacy
 * `application/json`, where the spec would rather see 200. We keep 400 because:
 * - the same status then means the same thing whatever the Accept header (with
 *   `application/graphql-response+json` the spec itself requires a 4xx), and the body is the usual
 *   `{ errors: [...] }` that every GraphQL client reads on a 400;
 * - the query limits (depth, aliases, tokens, cost, ...) are specified as 400 answers, and monitoring counts
 *   refused requests by status; a 200 would hide them among successes;
 * - changing it means rewriting Apollo's answers after the fact for one legacy media type.
 */
const ACCEPTED_WARNINGS: Record<string, string> = {
  "572B": "400, not 200, on a document parsing failure with Accept: application/json",
  FDE2: "400, not 200, on a document validation failure with Accept: application/json",
  "7B9B": "400, not 200, on a variable coercion failure with Accept: application/json",
};

/**
 * Apollo's CSRF prevention (kept on) refuses a request that a browser could send cross-site without a
 * preflight: a GET, or a POST with a "simple" content type (form, multipart, text/plain), unless it carries
 * a non-empty `apollo-require-preflight` or `x-apollo-operation-name` header. The audit's GET requests carry
 * neither, so without help the GET audits come back as notices ("not 200") about CSRF and not about the
 * protocol. A real non-browser client sets the header; the audit's fetch does the same on every request, so
 * the audit measures the GraphQL-over-HTTP behaviour behind the CSRF check. (POSTs with
 * `content-type: application/json` pass the check with or without it.)
 */
const preflightFetch: typeof fetch = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set("apollo-require-preflight", "true");
  return fetch(input, { ...init, headers });
};

describe("GraphQL over HTTP conformance (graphql-http audit)", () => {
  let t: TestGraph;
  let results: AuditResult[];
  beforeAll(async () => {
    t = await startTestGraph({ sizes: { rpm: 5, wms: 5, komet: 5, connect: 5 } });
    results = await auditServer({ url: `${t.graph.url}/graphql`, fetchFn: preflightFetch });
    for (const r of results) {
      if (r.status !== "ok") console.log(`audit ${r.status} ${r.id} ${r.name}: ${r.reason}`);
    }
  }, 30_000);
  afterAll(() => t.close());

  it("runs the whole audit against the real server", () => {
    // graphql-http 1.23 has several dozen audits; a handful would mean the server was not reached properly.
    expect(results.length).toBeGreaterThan(40);
    expect(results.filter((r) => r.status === "ok").length).toBeGreaterThan(30);
  });

  it("fails no MUST-level audit", () => {
    const errors = results.filter((r) => r.status === "error").map((r) => `${r.id} ${r.name}: ${"reason" in r ? r.reason : ""}`);
    expect(errors).toEqual([]);
  });

  it("has no warning beyond the accepted ones listed above", () => {
    const warnings = results.filter((r) => r.status === "warn").map((r) => r.id);
    expect(warnings.filter((id) => !(id in ACCEPTED_WARNINGS))).toEqual([]);
  });

  it("answers the audit's GET requests once the preflight header is sent (CSRF prevention stays on)", async () => {
    const search = `?query=${encodeURIComponent("{ __typename }")}`;
    const blocked = await fetch(`${t.graph.url}/graphql${search}`);
    expect(blocked.status).toBe(400);
    expect(await blocked.text()).toContain("Cross-Site Request Forgery");
    const allowed = await preflightFetch(`${t.graph.url}/graphql${search}`);
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { data: unknown }).data).toEqual({ __typename: "Query" });
  });
});
