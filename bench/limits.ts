import { startTestGraph, type TestGraph } from "../test/support/graph.js";

/**
 * How long abusive documents take to be refused (the goal: well under 100 ms each), over HTTP on
 * loopback against the real server with default limits. Prints the median and worst of a few runs per case and
 * the vendor calls made (should be none). Bounded: 7 runs per case. `npx tsx bench/limits.ts`
 */
const RUNS = 7;
const KB600 = 600_000;

const cases: Array<{ name: string; body: () => unknown }> = [
  { name: "600 kB of tokens (__typename repeated)", body: () => ({ query: `{ ${"__typename ".repeat(KB600 / 11)} }` }) },
  { name: "600 kB string literal", body: () => ({ query: `{ customers(filter: { search: "${"x".repeat(KB600)}" }) { totalCount } }` }) },
  { name: "600 kB string variable", body: () => ({ query: `query($s: String) { customers(filter: { search: $s }) { totalCount } }`, variables: { s: "x".repeat(KB600) } }) },
  { name: "600 kB field name (one token)", body: () => ({ query: `{ ${"a".repeat(KB600)} }` }) },
  { name: "31 aliases", body: () => ({ query: `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(" ")} }` }) },
  { name: "nested connections, cost 251001", body: () => ({ query: `{ customers(first: 500) { nodes { contacts(first: 500) { nodes { name } } } } }` }) },
  { name: "1.2 MB body (413)", body: () => ({ query: "{ __typename }", variables: { pad: "x".repeat(1_200_000) } }) },
];

async function timeOne(t: TestGraph, body: string): Promise<{ ms: number; status: number; code: unknown }> {
  const started = performance.now();
  const res = await fetch(`${t.graph.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body });
  const json = (await res.json()) as { errors?: Array<{ extensions?: { code?: unknown } }> };
  return { ms: performance.now() - started, status: res.status, code: json.errors?.[0]?.extensions?.code };
}

const t = await startTestGraph();
try {
  console.log(`case | status | code | median ms | worst ms (of ${RUNS})`);
  for (const c of cases) {
    const body = JSON.stringify(c.body());
    t.resetStats();
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await timeOne(t, body));
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
    const vendorCalls = Object.keys(t.stats()).length === 0 ? "" : ` VENDOR CALLS ${JSON.stringify(t.stats())}`;
    console.log(
      `${c.name} | ${runs[0]!.status} | ${String(runs[0]!.code ?? "-")} | ${ms[RUNS >> 1]!.toFixed(1)} | ${ms[RUNS - 1]!.toFixed(1)}${vendorCalls}`,
    );
  }
} finally {
  await t.close();
}
