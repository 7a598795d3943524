import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Resilience } from "../../src/config.js";
import { ErrorCode, VendorError } from "../../src/errors.js";
import { circuitState, vendorCalls } from "../../src/metrics/registry.js";
import type { CustomerRecord } from "../../src/model.js";
import type { Fault } from "../../src/simulators/faults.js";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";
import type { SimVendor } from "../../src/simulators/vendor-simulator.js";
import { createConnectSource } from "../../src/sources/connect/source.js";
import { createRpmSource } from "../../src/sources/rpm/source.js";
import type { NextCursorPaging, Source } from "../../src/sources/source.js";
import { createWmsSource } from "../../src/sources/wms/source.js";
import { eventually, startCountingProxy, type CountingProxy } from "../support/counting-proxy.js";

let sims: RunningSimulators;
let proxy: CountingProxy;

beforeAll(async () => {
  sims = await startSimulators({ sizes: { rpm: 10, wms: 10, komet: 1, connect: 20 } });
  proxy = await startCountingProxy(sims.url);
});
afterAll(async () => {
  await proxy.close();
  await sims.close();
});
beforeEach(() => {
  sims.faults.set({});
  sims.reset();
});

const connect = (resilience: Partial<Resilience> = {}, timeoutMs = 2_000, baseUrl = sims.baseUrls.connect) =>
  createConnectSource({ baseUrl, apiKey: "sim-connect-key", timeoutMs, concurrency: 4, resilience });
const wms = (resilience: Partial<Resilience> = {}) =>
  createWmsSource({
    baseUrl: sims.baseUrls.wms,
    clientId: "sim-wms-client",
    clientSecret: "sim-wms-secret",
    timeoutMs: 2_000,
    concurrency: 4,
    resilience,
  });
const rpm = (resilience: Partial<Resilience> = {}) =>
  createRpmSource({ baseUrl: sims.baseUrls.rpm, apiKey: "sim-rpm-key", timeoutMs: 2_000, concurrency: 4, resilience });

const setFaults = (vendor: SimVendor, faults: Fault[], latencyMs = 0) => sims.faults.set({ [vendor]: { faults, latencyMs } });
const calls = (vendor: SimVendor, operation: string) => sims.stats.snapshot()[vendor]?.[operation] ?? 0;
const listPage = (source: Source) => (source.paging as NextCursorPaging).listAfter({}, null, 5);

async function failure(promise: Promise<unknown>): Promise<VendorError> {
  const err = await promise.then(
    () => new Error("expected a vendor error, but the call succeeded"),
    (e: unknown) => e,
  );
  if (!(err instanceof VendorError)) throw err;
  return err;
}

async function counted(labels: { source: string; operation: string; outcome: string }): Promise<number> {
  const metric = await vendorCalls.get();
  const match = metric.values.find(
    (v) => v.labels.source === labels.source && v.labels.operation === labels.operation && v.labels.outcome === labels.outcome,
  );
  return match?.value ?? 0;
}

async function circuitOpen(source: string): Promise<number | undefined> {
  return (await circuitState.get()).values.find((v) => v.labels.source === source)?.value;
}

describe("retries", () => {
  it("retries a read the vendor answered with a 500 and returns the second answer", async () => {
    const source = connect();
    // Rate 0.5 hits every second call: the first passes, so the call under test meets the 500 first.
    setFaults("connect", [{ kind: "500", rate: 0.5 }]);
    await listPage(source);
    sims.stats.reset();
    const before = await counted({ source: "CONNECT", operation: "GET /customers", outcome: "UPSTREAM_UNAVAILABLE" });

    const page = await listPage(source);

    expect(page.records).toHaveLength(5);
    expect(calls("connect", "GET /customers")).toBe(2);
    expect(source.healthy()).toBe(true);
    expect(await counted({ source: "CONNECT", operation: "GET /customers", outcome: "UPSTREAM_UNAVAILABLE" })).toBe(before + 1);
  });

  it("waits out a 429's Retry-After and then answers", async () => {
    const source = connect();
    setFaults("connect", [{ kind: "429", rate: 0.5, retryAfterSec: 1 }]);
    await listPage(source);
    sims.stats.reset();

    const started = performance.now();
    const page = await listPage(source);

    expect(page.records).toHaveLength(5);
    expect(calls("connect", "GET /customers")).toBe(2);
    // A lower bound only: the retry must not come before the vendor said it may.
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("fails at once with UPSTREAM_RATE_LIMITED when Retry-After asks for longer than it is worth waiting", async () => {
    setFaults("connect", [{ kind: "429", rate: 1, retryAfterSec: 30 }]);
    const err = await failure(listPage(connect()));
    expect(err.code).toBe(ErrorCode.UPSTREAM_RATE_LIMITED);
    expect(err.options.retryAfterMs).toBe(30_000);
    expect(calls("connect", "GET /customers")).toBe(1);
  });

  it("retries malformed, truncated and HTML answers to a read", async () => {
    for (const kind of ["malformed", "truncated", "html"] as const) {
      const source = connect();
      setFaults("connect", [{ kind, rate: 0.5 }]);
      await listPage(source);
      sims.stats.reset();
      expect((await listPage(source)).records, kind).toHaveLength(5);
      expect(calls("connect", "GET /customers"), kind).toBe(2);
    }
  });

  it("gives up after `retries` more attempts with the last failure's code", async () => {
    setFaults("connect", [{ kind: "reset", rate: 1 }]);
    const err = await failure(listPage(connect({ retries: 2 })));
    expect(err.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(calls("connect", "GET /customers")).toBe(3);
  });

  it("does not retry a record the vendor does not have", async () => {
    const [found] = await connect().getCustomers(["00000000-0000-4000-8000-000000000000"]);
    expect(found).toBeNull();
    expect(calls("connect", "GET /customers/{id}")).toBe(1);
  });

  it("does not retry a write the vendor refused", async () => {
    const readOnly = createWmsSource({
      baseUrl: sims.baseUrls.wms,
      clientId: "sim-wms-readonly",
      clientSecret: "sim-wms-secret",
      timeoutMs: 2_000,
      concurrency: 4,
    });
    const err = await failure(readOnly.writes.upsert({ shortId: "ACME-CORP", name: "Nope" }));
    expect(err.code).toBe(ErrorCode.UPSTREAM_AUTH);
    expect(calls("wms", "POST /Customer")).toBe(1);
  });

  it("resends an upsert whose connection dropped after the vendor applied it, leaving one record", async () => {
    const source = wms();
    // resetAfterWrite counts writes only: the first upsert passes, the second is applied and then cut off.
    setFaults("wms", [{ kind: "resetAfterWrite", rate: 0.5 }]);
    await source.writes.upsert({ shortId: "FIRST-CO", name: "First Co" });
    sims.stats.reset();

    const saved = await source.writes.upsert({ shortId: "RETRY-CO", name: "Retry Co" });

    expect(saved.record).toMatchObject({ sourceId: "RETRY-CO", name: "Retry Co" });
    // The resend found the record the lost first copy had created, so the vendor answered "updated".
    expect(saved.created).toBe(false);
    expect(calls("wms", "POST /Customer")).toBe(2);
    const [reread] = await source.getCustomers(["RETRY-CO"]);
    expect((reread as CustomerRecord).name).toBe("Retry Co");
  });

  it("answers UPSTREAM_OUTCOME_UNKNOWN for an upsert whose every copy was cut off", async () => {
    setFaults("wms", [{ kind: "resetAfterWrite", rate: 1 }]);
    const err = await failure(wms({ retries: 2 }).writes.upsert({ shortId: "LOST-CO", name: "Lost Co" }));
    expect(err.code).toBe(ErrorCode.UPSTREAM_OUTCOME_UNKNOWN);
    expect(calls("wms", "POST /Customer")).toBe(3);
  });

  it("never resends an RPM CustomerEdit, which is not safe to repeat: UPSTREAM_OUTCOME_UNKNOWN after one call", async () => {
    setFaults("rpm", [{ kind: "resetAfterWrite", rate: 1 }]);
    const err = await failure(rpm({ retries: 2 }).writes!.edit("1005", { website: "https://once.example" }));
    expect(err.code).toBe(ErrorCode.UPSTREAM_OUTCOME_UNKNOWN);
    expect(calls("rpm", "CustomerEdit")).toBe(1);
  });

  it("does not resend an RPM CustomerEdit the vendor answered with a 500 either", async () => {
    setFaults("rpm", [{ kind: "500", rate: 1 }]);
    const err = await failure(rpm({ retries: 2 }).writes!.edit("1005", { website: "https://once.example" }));
    expect(err.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(calls("rpm", "CustomerEdit")).toBe(1);
  });
});

describe("timeout", () => {
  it("aborts a hung call at the timeout and closes its connection", async () => {
    setFaults("connect", [{ kind: "hang", rate: 1 }]);
    const source = connect({ retries: 0 }, 300, proxy.url("/connect"));
    const err = await failure(listPage(source));
    expect(err.code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
    // The simulator never answers, so only the client can have closed the connection.
    expect(await eventually(() => proxy.openSockets() === 0)).toBe(true);
    expect(source.healthy()).toBe(false);
  });
});

describe("circuit breaker", () => {
  it("opens after breakerFailures failures in a row, then refuses without calling, then recovers after half-open", async () => {
    const source = connect({ retries: 0, breakerFailures: 3, breakerHalfOpenMs: 300 });
    setFaults("connect", [{ kind: "500", rate: 1 }]);
    for (let i = 0; i < 3; i++) expect((await failure(listPage(source))).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(calls("connect", "GET /customers")).toBe(3);

    const refused = await failure(listPage(source));
    expect(refused.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(calls("connect", "GET /customers")).toBe(3);
    expect(source.healthy()).toBe(false);
    expect(await circuitOpen("CONNECT")).toBe(1);

    sims.faults.set({});
    await sleep(400);
    expect((await listPage(source)).records).toHaveLength(5);
    expect(calls("connect", "GET /customers")).toBe(4);
    expect(source.healthy()).toBe(true);
    expect(await circuitOpen("CONNECT")).toBe(0);
  });

  it("stops a read's retries once the circuit opens", async () => {
    setFaults("connect", [{ kind: "500", rate: 1 }]);
    const err = await failure(listPage(connect({ retries: 5, breakerFailures: 2 })));
    expect(err.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(calls("connect", "GET /customers")).toBe(2);
  });

  it("does not count records the vendor does not have towards opening", async () => {
    const source = connect({ retries: 0, breakerFailures: 2 });
    for (let i = 0; i < 4; i++) await source.getCustomers([`00000000-0000-4000-8000-00000000000${i}`]);
    expect(calls("connect", "GET /customers/{id}")).toBe(4);
    expect(source.healthy()).toBe(true);
  });

  it("recovers a WMS source whose token fetch opened the circuit: the fetch is a request of its own, not held inside the read", async () => {
    // A fresh WMS source has no token: its first read fetches one before the read itself goes out.
    const source = wms({ retries: 0, breakerFailures: 1, breakerHalfOpenMs: 200 });
    setFaults("wms", [{ kind: "500", rate: 1 }]);
    expect((await failure(source.getCustomers(["ACME-CORP"]).then(([r]) => (r instanceof Error ? Promise.reject(r) : r)))).code).toBe(
      ErrorCode.UPSTREAM_UNAVAILABLE,
    );
    expect(source.healthy()).toBe(false);

    sims.faults.set({});
    await sleep(300);
    const [record] = await source.getCustomers(["ACME-CORP"]);
    expect((record as CustomerRecord).sourceId).toBe("ACME-CORP");
    expect(source.healthy()).toBe(true);
  });
});

describe("bulkhead", () => {
  it("keeps at most `bulkhead` calls in flight and queues the rest", async () => {
    setFaults("connect", [], 100);
    const source = connect({ bulkhead: 2, bulkheadQueue: 10 }, 2_000, proxy.url("/connect"));
    const pages = await Promise.all(Array.from({ length: 6 }, () => listPage(source)));
    expect(pages.every((p) => p.records.length === 5)).toBe(true);
    expect(calls("connect", "GET /customers")).toBe(6);
    expect(proxy.maxInFlight()).toBeLessThanOrEqual(2);
  });

  it("refuses calls beyond the bulkhead and its queue with UPSTREAM_UNAVAILABLE, without calling or retrying", async () => {
    setFaults("connect", [], 200);
    const source = connect({ bulkhead: 2, bulkheadQueue: 1, retries: 2 });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => listPage(source)));
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason as VendorError);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(refused.map((e) => e.code)).toEqual([ErrorCode.UPSTREAM_UNAVAILABLE, ErrorCode.UPSTREAM_UNAVAILABLE]);
    expect(calls("connect", "GET /customers")).toBe(3);
    // A full bulkhead is our own limit, not the vendor failing.
    expect(source.healthy()).toBe(true);
  });
});
