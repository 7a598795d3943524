import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode } from "../../src/errors.js";
import type { VendorFaults } from "../../src/simulators/faults.js";
import { SIM_VENDORS, type SimVendor } from "../../src/simulators/vendor-simulator.js";
import { startTestGraph, type GraphResult, type TestGraph } from "../support/graph.js";

/**
 * What a client sees while one vendor misbehaves, each simulator fault alone at rate 1, through the real server:
 * HTTP 200, an error with a code and the vendor's name at the failed field, nothing about the vendor's host or
 * our stack, `sources { healthy }` false for that vendor only, and health back once the vendor answers again.
 */
const TIMEOUT_MS = 300;
const HALF_OPEN_MS = 300;

const FAULTS: Array<{ name: string; faults: VendorFaults; code: ErrorCode }> = [
  { name: "latency beyond the timeout", faults: { latencyMs: TIMEOUT_MS * 2 }, code: ErrorCode.UPSTREAM_TIMEOUT },
  { name: "hang", faults: { faults: [{ kind: "hang", rate: 1 }] }, code: ErrorCode.UPSTREAM_TIMEOUT },
  { name: "500", faults: { faults: [{ kind: "500", rate: 1 }] }, code: ErrorCode.UPSTREAM_UNAVAILABLE },
  // A Retry-After beyond the client's cap: answered at once rather than waited out.
  { name: "429", faults: { faults: [{ kind: "429", rate: 1, retryAfterSec: 30 }] }, code: ErrorCode.UPSTREAM_RATE_LIMITED },
  { name: "reset", faults: { faults: [{ kind: "reset", rate: 1 }] }, code: ErrorCode.UPSTREAM_UNAVAILABLE },
  { name: "malformed", faults: { faults: [{ kind: "malformed", rate: 1 }] }, code: ErrorCode.UPSTREAM_BAD_RESPONSE },
  { name: "truncated", faults: { faults: [{ kind: "truncated", rate: 1 }] }, code: ErrorCode.UPSTREAM_BAD_RESPONSE },
  { name: "html", faults: { faults: [{ kind: "html", rate: 1 }] }, code: ErrorCode.UPSTREAM_UNAVAILABLE },
];

const ENUM: Record<SimVendor, string> = { rpm: "RPM", wms: "WMS", komet: "KOMET", connect: "CONNECT" };

type ListAnswer = { customers: { nodes: Array<{ source: string; sourceId: string }> } | null };
type SourcesAnswer = { sources: Array<{ source: string; healthy: boolean }> };

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph({
    sizes: { rpm: 5, wms: 5, komet: 5, connect: 5 },
    timeoutMs: TIMEOUT_MS,
    // One retry, so that a fault costs two failures: the per-fault loop below stays under the breaker's threshold.
    resilience: { retries: 1, breakerFailures: 4, breakerHalfOpenMs: HALF_OPEN_MS },
  });
});
afterAll(() => t.close());
beforeEach(() => t.sims.faults.set({}));

const listOf = (source: string) =>
  t.query<ListAnswer>(`query($s: [Source!]) { customers(first: 2, filter: { sources: $s }) { nodes { source sourceId } } }`, {
    s: [source],
  });

async function health(): Promise<Record<string, boolean>> {
  const res = await t.query<SourcesAnswer>(`{ sources { source healthy } }`);
  return Object.fromEntries(res.data!.sources.map((s) => [s.source, s.healthy]));
}

/** Nothing of the vendor's location or our internals in what the client got. */
function leaks(res: GraphResult<unknown>): string[] {
  const text = JSON.stringify(res);
  const host = new URL(t.sims.url).host;
  return [host, "127.0.0.1", "stacktrace", "    at ", "sim-"].filter((needle) => text.includes(needle));
}

function expectVendorError(res: GraphResult<ListAnswer>, source: string, code: ErrorCode): void {
  expect(res.status).toBe(200);
  expect(res.errors).toEqual([expect.objectContaining({ path: ["customers"], extensions: { code, source } })]);
  expect(res.data?.customers?.nodes ?? []).toEqual([]);
  expect(leaks(res)).toEqual([]);
}

describe.each(SIM_VENDORS)("one failing vendor: %s", (vendor) => {
  const source = ENUM[vendor];

  it.each(FAULTS)("answers a $name fault with HTTP 200 and its code at the field, and reports the vendor unhealthy", async ({ faults, code }) => {
    t.sims.faults.set({ [vendor]: faults });
    expectVendorError(await listOf(source), source, code);
    const during = await health();
    expect(during[source]).toBe(false);
    expect(Object.entries(during).filter(([name, healthy]) => name !== source && !healthy)).toEqual([]);

    t.sims.faults.set({});
    const after = await listOf(source);
    expect(after.errors).toBeUndefined();
    expect(after.data!.customers!.nodes).toHaveLength(2);
    expect((await health())[source]).toBe(true);
  });
});

describe("a vendor that keeps failing", () => {
  it("opens its circuit: calls are refused without reaching it, until the half-open trial succeeds", async () => {
    t.sims.faults.set({ connect: { faults: [{ kind: "500", rate: 1 }] } });
    // Two requests of two attempts each reach breakerFailures (4).
    for (let i = 0; i < 2; i++) expectVendorError(await listOf("CONNECT"), "CONNECT", ErrorCode.UPSTREAM_UNAVAILABLE);
    t.resetStats();

    expectVendorError(await listOf("CONNECT"), "CONNECT", ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(t.calls("connect")).toBe(0);
    t.sims.faults.set({});
    expectVendorError(await listOf("CONNECT"), "CONNECT", ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(t.calls("connect")).toBe(0);
    expect((await health()).CONNECT).toBe(false);
    // The other vendors are untouched.
    expect((await listOf("WMS")).data!.customers!.nodes).toHaveLength(2);

    await sleep(HALF_OPEN_MS + 100);
    const recovered = await listOf("CONNECT");
    expect(recovered.data!.customers!.nodes).toHaveLength(2);
    expect(t.calls("connect")).toBe(1);
    expect((await health()).CONNECT).toBe(true);
  });
});
