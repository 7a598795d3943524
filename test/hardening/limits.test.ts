import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestGraph, type GraphResult, type TestGraph } from "../support/graph.js";

// Abusive queries are refused with HTTP 400, a message naming the limit, its value and what was asked, a code,
// and not one vendor call (counted by the simulators). Legitimate queries near the limits still run.

const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(" ");

async function post(t: TestGraph, body: string, headers: Record<string, string> = { "content-type": "application/json" }) {
  const res = await fetch(`${t.graph.url}/graphql`, { method: "POST", headers, body });
  return { status: res.status, body: (await res.json()) as GraphResult };
}

function expectRefused(res: GraphResult, code: string, message: string | RegExp) {
  expect(res.status).toBe(400);
  expect(res.data ?? null).toBeNull();
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0]!.extensions?.code).toBe(code);
  expect(res.errors![0]!.message).toMatch(message);
}

describe("query limits at their defaults", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph();
  });
  afterAll(() => t.close());
  beforeEach(() => t.resetStats());

  it("refuses a document of more than 2000 tokens at parse time", async () => {
    const res = await t.query(`{ ${"__typename ".repeat(2_001)} }`);
    expectRefused(res, "GRAPHQL_PARSE_FAILED", "Query has more than 2000 tokens; the limit is 2000 (MAX_TOKENS)");
    expect(t.stats()).toEqual({});
  });

  it("refuses 31 aliases, __typename ones included, and runs 30", async () => {
    expectRefused(await t.query(`{ ${aliases(31)} }`), "TOO_MANY_ALIASES", "Query uses 31 aliases; the limit is 30 (MAX_ALIASES)");
    const ok = await t.query(`{ ${aliases(30)} }`);
    expect(ok.status).toBe(200);
    expect(ok.data).toMatchObject({ a0: "Query", a29: "Query" });
  });

  it("counts a fragment's aliases once per spread", async () => {
    const res = await t.query(`{ ...F ... on Query { ...F } } fragment F on Query { ${aliases(16)} }`);
    expectRefused(res, "TOO_MANY_ALIASES", "Query uses 32 aliases; the limit is 30 (MAX_ALIASES)");
  });

  it("refuses 21 directives", async () => {
    const res = await t.query(`{ ${"__typename @include(if: true) ".repeat(21)} }`);
    expectRefused(res, "TOO_MANY_DIRECTIVES", "Query uses 21 directives; the limit is 20 (MAX_DIRECTIVES)");
    expect(t.stats()).toEqual({});
  });

  it("refuses nested connections whose page sizes multiply past the cost limit", async () => {
    const res = await t.query(`{ customers(first: 500) { nodes { contacts(first: 500) { nodes { name } } } } }`);
    // 1 (customers) + 500 * (1 (nodes) + 1 (contacts) + 500 * 1 (nodes))
    expectRefused(res, "QUERY_TOO_COSTLY", /^Query cost 251001 exceeds the limit of 50000 \(MAX_COST\)/);
    expect(t.stats()).toEqual({});
  });

  it("prices page sizes given as variables by their values", async () => {
    const query = `query($n: Int) { customers(first: $n, filter: { sources: [WMS] }) { nodes { contacts(first: $n) { nodes { name } } } } }`;
    expectRefused(await t.query(query, { n: 500 }), "QUERY_TOO_COSTLY", /^Query cost 251001 /);
    expect(t.stats()).toEqual({});
    const ok = await t.query<{ customers: { nodes: unknown[] } }>(query, { n: 2 });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.customers.nodes).toHaveLength(2);
  });

  it("multiplies what nodes(ids) selects by the number of ids", async () => {
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Customer { contacts(first: 500) { nodes { name } } } } }`;
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `no-such-id-${i}`);
    expectRefused(await t.query(query, { ids: ids(100) }), "QUERY_TOO_COSTLY", /^Query cost 50101 /);
    const ok = await t.query(query, { ids: ids(2) });
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toEqual({ nodes: [null, null] });
    expect(t.stats()).toEqual({});
  });

  it("refuses a 900 kB search string sent as a variable", async () => {
    const res = await t.query(`query($f: CustomerFilter) { customers(filter: $f) { totalCount } }`, {
      f: { search: "x".repeat(900_000) },
    });
    expectRefused(res, "ARGUMENT_TOO_LONG", "Variable $f.search is 900000 characters long; the limit is 2000 (MAX_STRING_ARG)");
    expect(t.stats()).toEqual({});
  });

  it("refuses a 900 kB search string written in the query (one token)", async () => {
    const res = await t.query(`{ customers(filter: { search: "${"x".repeat(900_000)}" }) { totalCount } }`);
    expectRefused(res, "ARGUMENT_TOO_LONG", 'Argument "search" is 900000 characters long; the limit is 2000 (MAX_STRING_ARG)');
    expect(t.stats()).toEqual({});
  });

  it("refuses circular fragments", async () => {
    const res = await t.query(
      `{ customers { nodes { ...A } } } fragment A on Customer { name ...B } fragment B on Customer { ...A }`,
    );
    expect(res.status).toBe(400);
    expect(res.errors![0]!.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.errors![0]!.message).toMatch(/Cannot spread fragment "A" within itself/);
    expect(t.stats()).toEqual({});
  });

  it("refuses a batch of operations in one request", async () => {
    const one = { query: "{ customers(first: 1) { nodes { name } } }" };
    const res = await post(t, JSON.stringify([one, one]));
    expect(res.status).toBe(400);
    expect(t.stats()).toEqual({});
  });

  it("refuses a body over 1000000 bytes with 413", async () => {
    const res = await post(t, JSON.stringify({ query: `{ __typename }`, variables: { pad: "x".repeat(1_000_000) } }));
    expect(res.status).toBe(413);
    expect(res.body.errors![0]!.message).toBe("Request body larger than 1000000 bytes (MAX_BODY_BYTES)");
    expect(t.stats()).toEqual({});
  });

  it("refuses first above the page cap before any vendor call", async () => {
    const res = await t.query(`{ customers(first: 501) { nodes { name } } }`);
    expect(res.errors![0]!.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors![0]!.message).toBe("first must be between 0 and 500, got 501");
    expect(t.stats()).toEqual({});
  });

  it("keeps CSRF prevention: a GET without a preflight header and a text/plain POST are refused", async () => {
    const url = `${t.graph.url}/graphql?query=${encodeURIComponent("{ customers(first: 1) { nodes { name } } }")}`;
    expect((await fetch(url)).status).toBe(400);
    const plain = await fetch(`${t.graph.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ query: "{ customers(first: 1) { nodes { name } } }" }),
    });
    expect(plain.status).toBe(400);
    expect(t.stats()).toEqual({});
    expect((await fetch(url, { headers: { "apollo-require-preflight": "true" } })).status).toBe(200);
  });

  it("runs a legitimate query eight levels deep through fragments", async () => {
    const res = await t.query<{ customers: { edges: Array<{ node: { contacts: { edges: unknown[] } } }> } }>(
      `{ customers(first: 3, filter: { sources: [RPM] }) { edges { node { ...Contacts } } } }
       fragment Contacts on Customer { contacts(first: 5) { edges { node { name phoneNumbers { number type } } } } }`,
    );
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data!.customers.edges).toHaveLength(3);
  });

  it("answers GraphiQL's introspection query outside production", async () => {
    const res = await t.query(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(res.errors).toBeUndefined();
    expect(res.data).toHaveProperty("__schema");
  });

  it("suggests field names and serves GraphiQL outside production", async () => {
    const res = await t.query(`{ customers { nodes { nam } } }`);
    expect(res.errors![0]!.message).toMatch(/Did you mean "name"/);
    expect((await fetch(`${t.graph.url}/`)).status).toBe(200);
  });
});

describe("query limits lowered by configuration", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ limits: { maxDepth: 6, maxCost: 100 } });
  });
  afterAll(() => t.close());
  beforeEach(() => t.resetStats());

  it("refuses a query nested deeper than MAX_DEPTH, counting through fragments", async () => {
    const res = await t.query(
      `{ customers(first: 2) { edges { node { ...C } } } } fragment C on Customer { contacts { edges { node { name } } } }`,
    );
    expectRefused(res, "QUERY_TOO_DEEP", "Query is nested 7 levels deep; the limit is 6 (MAX_DEPTH)");
    expect(t.stats()).toEqual({});
  });

  it("runs a query exactly MAX_DEPTH deep", async () => {
    const res = await t.query(
      `{ customers(first: 2, filter: { sources: [RPM] }) { edges { node { contacts(first: 2) { nodes { name } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.status).toBe(200);
  });

  it("prices an absent first at the default page size of 50", async () => {
    const res = await t.query(`{ customers { nodes { name contacts(first: 1) { nodes { name } } } } }`);
    // 1 + 50 * (1 + 1 + 1 * 1)
    expectRefused(res, "QUERY_TOO_COSTLY", /^Query cost 151 exceeds the limit of 100 \(MAX_COST\)/);
    expect(t.stats()).toEqual({});
  });
});

describe("in production", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({ production: true });
  });
  afterAll(() => t.close());

  it("refuses introspection, the same text again as well (documents are validated before they are stored)", async () => {
    for (let i = 0; i < 2; i++) {
      const res = await t.query(`{ __schema { types { name } } }`);
      expect(res.status).toBe(400);
      expect(res.errors![0]!.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(res.data).toBeUndefined();
    }
  });

  it("names an unknown field without suggesting the real ones", async () => {
    const res = await t.query(`{ customers { nodes { nam } } }`);
    expect(res.status).toBe(400);
    expect(res.errors![0]!.message).toBe('Cannot query field "nam" on type "Customer".');
  });

  it("names a wrong enum value in a variable without suggesting the real ones", async () => {
    const res = await t.query(`query($s: Source!) { customerBySourceId(source: $s, sourceId: "1") { name } }`, { s: "RP" });
    expect(res.status).toBe(400);
    expect(res.errors![0]!.message).toMatch(/"RP"/);
    expect(res.errors![0]!.message).not.toMatch(/Did you mean|RPM/);
  });

  it("does not serve GraphiQL", async () => {
    expect((await fetch(`${t.graph.url}/`)).status).toBe(404);
    expect((await fetch(`${t.graph.url}/graphiql`)).status).toBe(404);
  });
});
