import { parse } from "graphql";
import { afterAll, describe, expect, it } from "vitest";
import { simulatedVendorsEnv } from "../../bench/server-env.js";
import { EstimateCache } from "../../src/budget/estimate-cache.js";
import { loadConfig } from "../../src/config.js";
import { estimateVendorCalls, type EstimateContext } from "../../src/limits/vendor-call-estimate.js";
import type { SourceName } from "../../src/model.js";
import { createSources } from "../../src/sources/registry.js";

// The estimate cache must answer what a fresh estimate answers, whatever was asked before: per variables, per
// caller's sources, and never a stale answer where the estimate depends on a list length learnt since.
const config = loadConfig({ ...simulatedVendorsEnv("http://127.0.0.1:9"), ALLOW_INSECURE_NO_AUTH: "true" });
const sources = createSources(config.vendors, { timeoutMs: 1000, concurrency: 4, resilience: config.resilience });
afterAll(() => Promise.all([...sources.values()].map((s) => s.close?.())));

function contextWith(lengths: Partial<Record<SourceName, number>>, only?: SourceName[]): EstimateContext {
  return {
    sources: [...sources.values()].filter((s) => !only || only.includes(s.name)),
    listLength: (source) => lengths[source],
    decodeCursor: () => null,
    cacheChecks: false,
  };
}

describe("EstimateCache", () => {
  const page = parse("query P($n: Int) { customers(first: $n) { nodes { name contacts(first: 1) { nodes { name } } } } }");
  const search = parse('{ customers(first: 5, filter: { sources: [WMS], search: "x" }) { nodes { name } } }');

  it("answers what a fresh estimate answers, per variables and per caller's sources", () => {
    const cache = new EstimateCache();
    for (const [variables, only] of [
      [{ n: 10 }, undefined],
      [{ n: 100 }, undefined],
      [{ n: 10 }, ["WMS"] as SourceName[]],
      [{ n: 10 }, undefined],
      [{ n: 100 }, ["KOMET"] as SourceName[]],
    ] as const) {
      const context = contextWith({}, only ? [...only] : undefined);
      expect(cache.estimate(page, "P", variables, context)).toEqual(estimateVendorCalls(page, "P", variables, context));
    }
    // Different page sizes and sources give different estimates: the cache told them apart.
    expect(cache.estimate(page, "P", { n: 100 }, contextWith({})).total).toBeGreaterThan(cache.estimate(page, "P", { n: 10 }, contextWith({})).total);
  });

  it("works a repeated document and variables out once", () => {
    const cache = new EstimateCache();
    const first = cache.estimate(page, "P", { n: 10 }, contextWith({}));
    expect(cache.estimate(page, "P", { n: 10 }, contextWith({}))).toBe(first);
    expect(cache.estimate(page, "P", { n: 11 }, contextWith({}))).not.toBe(first);
  });

  it("follows a list length learnt since, where the estimate reads one (a whole-list read)", () => {
    const cache = new EstimateCache();
    const before = cache.estimate(search, undefined, undefined, contextWith({}));
    const after = cache.estimate(search, undefined, undefined, contextWith({ WMS: 100_000 }));
    expect(after).toEqual(estimateVendorCalls(search, undefined, undefined, contextWith({ WMS: 100_000 })));
    expect(after.total).toBeGreaterThan(before.total);
  });
});
