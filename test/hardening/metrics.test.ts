import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_CREDENTIALS } from "../../src/config.js";
import { ErrorCode } from "../../src/errors.js";
import { SOURCE_NAMES } from "../../src/model.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

/** One sample line of the Prometheus text format: name{label="value",...} number. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function samples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** The value of one series (0 when it does not exist yet). */
function value(all: Sample[], name: string, labels: Record<string, string>): number {
  const hit = all.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return hit?.value ?? 0;
}

describe("/metrics", () => {
  let t: TestGraph;
  const scrape = async () => {
    const res = await fetch(`${t.graph.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    return res.text();
  };

  beforeAll(async () => {
    t = await startTestGraph({ sizes: { rpm: 5, wms: 5, komet: 5, connect: 5 } });
  });
  afterAll(() => t.close());
  afterEach(() => t.sims.faults.set({}));

  it("counts a query by type and outcome and times it", async () => {
    const before = samples(await scrape());
    const res = await t.query("{ customers(first: 2, filter: { sources: [WMS] }) { nodes { name } } }");
    expect(res.errors).toBeUndefined();
    const after = samples(await scrape());
    const ok = { type: "query", outcome: "ok" };
    expect(value(after, "customer_graph_graphql_operations_total", ok)).toBe(value(before, "customer_graph_graphql_operations_total", ok) + 1);
    const count = (s: Sample[]) => value(s, "customer_graph_graphql_operation_seconds_count", { type: "query" });
    expect(count(after)).toBe(count(before) + 1);
  });

  it("counts a mutation, and a document that does not parse as type unknown with errors", async () => {
    const before = samples(await scrape());
    await t.query('mutation { upsertCustomer(input: { shortId: "METRICS-1", name: "Metrics" }) { created } }');
    const broken = await t.query("{ customers(first: ");
    expect(broken.status).toBe(400);
    const after = samples(await scrape());
    for (const labels of [
      { type: "mutation", outcome: "ok" },
      { type: "unknown", outcome: "errors" },
    ]) {
      expect(value(after, "customer_graph_graphql_operations_total", labels), JSON.stringify(labels)).toBe(
        value(before, "customer_graph_graphql_operations_total", labels) + 1,
      );
    }
  });

  it("counts an answer with errors as errors", async () => {
    t.sims.faults.set({ komet: { faults: [{ kind: "500", rate: 1 }] } });
    const before = samples(await scrape());
    const res = await t.query('{ customerBySourceId(source: KOMET, sourceId: "25475") { name } }');
    expect(res.errors?.[0]?.extensions?.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    const after = samples(await scrape());
    const labels = { type: "query", outcome: "errors" };
    expect(value(after, "customer_graph_graphql_operations_total", labels)).toBe(value(before, "customer_graph_graphql_operations_total", labels) + 1);
  });

  it("counts vendor calls per vendor, operation and outcome, with their latency, and shows each circuit", async () => {
    const before = samples(await scrape());
    await t.query("{ customers(first: 2, filter: { sources: [WMS] }) { nodes { name } } }");
    t.sims.faults.set({ connect: { faults: [{ kind: "500", rate: 1 }] } });
    await t.query("{ customers(first: 2, filter: { sources: [CONNECT] }) { nodes { name } } }");
    const after = samples(await scrape());
    const calls = (s: Sample[], labels: Record<string, string>) => value(s, "customer_graph_vendor_calls_total", labels);
    const wmsList = { source: "WMS", operation: "GET /Customer/All" };
    expect(calls(after, { ...wmsList, outcome: "ok" })).toBeGreaterThan(calls(before, { ...wmsList, outcome: "ok" }));
    const latency = (s: Sample[]) => value(s, "customer_graph_vendor_call_seconds_count", wmsList);
    expect(latency(after)).toBeGreaterThan(latency(before));
    const connectList = { source: "CONNECT", operation: "GET /customers", outcome: ErrorCode.UPSTREAM_UNAVAILABLE };
    expect(calls(after, connectList)).toBeGreaterThan(calls(before, connectList));
    for (const source of SOURCE_NAMES) {
      expect(after.some((s) => s.name === "customer_graph_vendor_circuit_open" && s.labels.source === source), source).toBe(true);
    }
  });

  it("names no credential, host or id, and labels only from fixed vocabularies", async () => {
    const read = await t.query<{ customers: { nodes: Array<{ id: string; sourceId: string }> } }>(
      "{ customers(first: 8) { nodes { id sourceId contacts(first: 1) { nodes { id } } } } }",
    );
    const records = read.data!.customers.nodes;
    expect(records.length).toBeGreaterThan(0);
    await t.query('{ customerBySourceId(source: WMS, sourceId: "ID-THAT-MUST-NOT-SHOW") { name } }');
    const text = await scrape();

    const forbidden = [
      ...Object.values(SIMULATOR_CREDENTIALS).flatMap((c) => Object.values(c) as string[]),
      new URL(t.sims.url).host,
      new URL(t.graph.url).host,
      "ID-THAT-MUST-NOT-SHOW",
      ...records.flatMap((r) => [r.id, r.sourceId]),
    ];
    // Sample values are numbers (memory, CPU seconds) that can contain a numeric id by chance: look only at
    // names, labels and help texts.
    const withoutValues = text
      .split("\n")
      .map((line) => (line.startsWith("#") ? line : line.replace(/\s+\S+$/, "")))
      .join("\n");
    for (const word of forbidden) expect(withoutValues, word).not.toContain(word);

    const ours = samples(text).filter((s) => s.name.startsWith("customer_graph_"));
    expect(ours.length).toBeGreaterThan(0);
    const outcomes = new Set<string>(["ok", "errors", ...Object.values(ErrorCode)]);
    for (const { name, labels } of ours) {
      for (const [key, v] of Object.entries(labels)) {
        const where = `${name} ${key}=${v}`;
        if (key === "source") expect(SOURCE_NAMES as readonly string[], where).toContain(v);
        else if (key === "outcome") expect(outcomes.has(v), where).toBe(true);
        else if (key === "type") expect(["query", "mutation", "subscription", "unknown"], where).toContain(v);
        // The response cache's lookups and change checks (src/metrics/cache-metrics.ts).
        else if (key === "result") expect(["hit", "revalidated", "miss", "unchanged", "changed", "failed"], where).toContain(v);
        // A vendor's own call names (RPM "Customers", Komet "customer.list", WMS "GET /Customer/{id}"): no digits, no ids.
        else if (key === "operation") expect(v, where).toMatch(/^(?:[A-Za-z]+(?:\.[a-z]+)*|(?:GET|POST|DELETE) \/[A-Za-z/{}]+)$/);
        else expect(key, where).toBe("le");
      }
    }
  });
});
