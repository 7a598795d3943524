import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode } from "../../src/errors.js";
import { IdCodec } from "../../src/ids.js";
import { createLogger } from "../../src/logger.js";
import type { SourceName } from "../../src/model.js";
import type { FaultKind } from "../../src/simulators/faults.js";
import { SIM_VENDORS } from "../../src/simulators/vendor-simulator.js";
import { CANARY, LEAK_KINDS, startCanaryVendorFront, VENDOR_BODY_MARKER, type CanaryVendorFront, type FrontMode } from "../support/canary-vendor.js";
import { startTestGraph, TEST_ID_SECRET, type TestGraph } from "../support/graph.js";

/**
 * Nothing a vendor holds or says reaches a client, a log line or /metrics. The graph runs with canary
 * credentials in front of vendors that fail in every way the simulators and a leaky stand-in can: simulator
 * faults, refused credentials, and answers that echo back every header, the URL (Komet's token), the request
 * body (WMS's client secret) and a stack trace. Every response, every log line (the real logger at trace
 * level, without the configured secrets, so the vendor clients' own scrubbing is what is tested) and /metrics
 * is then searched for anything that should not be there.
 */

const ids = new IdCodec(TEST_ID_SECRET);
const SIZES = { rpm: 4, wms: 4, komet: 4, connect: 4 };
const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));

/** One round of operations that calls every vendor for lists, details, single reads and each write. */
const OPERATIONS: Array<{ query: string; variables?: Record<string, unknown> }> = [
  { query: "{ customers(first: 3) { nodes { id sourceId name website contacts(first: 2) { nodes { name } } } } }" },
  {
    query: `{
      rpm: customerBySourceId(source: RPM, sourceId: "1001") { name customFields { name } }
      wms: customerBySourceId(source: WMS, sourceId: "ACME-CORP") { name }
      komet: customerBySourceId(source: KOMET, sourceId: "25475") { name locations(first: 1) { nodes { name } } }
      connect: customerBySourceId(source: CONNECT, sourceId: "8f14e45f-ceea-4e7a-a2b1-0c9d3f6a1b27") { name }
    }`,
  },
  {
    query: `mutation($rpm: ID!, $wms: ID!) {
      upsert: upsertCustomer(input: { shortId: "LEAK-1", name: "Leak Test" }) { customer { id } userErrors { code message } }
      edit: editCustomer(input: { id: $rpm, name: "Renamed" }) { customer { id } userErrors { code message } }
      discontinue: discontinueCustomer(id: $wms) { customer { id } userErrors { code message } }
    }`,
    variables: {
      rpm: ids.encode({ type: "Customer", source: "RPM", customerId: "1001" }),
      wms: ids.encode({ type: "Customer", source: "WMS", customerId: "ACME-CORP" }),
    },
  },
  { query: "{ sources { source healthy } }" },
];

interface Scenario {
  name: string;
  mode: FrontMode;
  /** A simulator fault on every call to every vendor. */
  fault?: FaultKind;
  /** What the scenario must show a client, so that a vendor that was never reached cannot pass for clean. */
  expectCodes: ErrorCode[];
}

const SCENARIOS: Scenario[] = [
  { name: "canary credentials that work", mode: "translate", expectCodes: [] },
  ...(["500", "html", "malformed", "truncated"] as const).map((fault) => ({
    name: `simulator fault ${fault}`,
    mode: "translate" as const,
    fault,
    expectCodes: [fault === "500" || fault === "html" ? ErrorCode.UPSTREAM_UNAVAILABLE : ErrorCode.UPSTREAM_BAD_RESPONSE],
  })),
  { name: "canary credentials the vendors refuse", mode: "forward", expectCodes: [ErrorCode.UPSTREAM_AUTH] },
  ...LEAK_KINDS.map((kind) => ({ name: `a vendor echoing secrets: ${kind}`, mode: kind, expectCodes: [] })),
];

/** Something only a leak can put into text a client, a log reader or a metrics scraper sees. */
function findLeaks(text: string, front: CanaryVendorFront, simulatorHost: string): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(CANARY)) if (text.includes(value)) found.push(`canary ${name}`);
  if (text.includes(front.hostPort)) found.push(`vendor host ${front.hostPort}`);
  if (text.includes(simulatorHost)) found.push(`vendor host ${simulatorHost}`);
  if (text.includes(VENDOR_BODY_MARKER)) found.push("vendor body text");
  if (text.includes("/srv/vendor")) found.push("vendor stack path");
  const frame = /\bat [\w.<>$[\] ]+ \(?[^()\s]+:\d+:\d+\)?/.exec(text);
  if (frame) found.push(`stack frame "${frame[0]}"`);
  for (const word of ["sim-rpm-key", "sim-wms-secret", "sim-komet-token", "sim-connect-key"]) {
    if (text.includes(word)) found.push(`credential ${word}`);
  }
  return found;
}

describe.each(SCENARIOS)("no leaks with $name", (scenario) => {
  let t: TestGraph;
  let front!: CanaryVendorFront;
  const logLines: string[] = [];
  const responses: string[] = [];
  const codes = new Set<string>();
  let metrics = "";

  beforeAll(async () => {
    const logger = createLogger("trace", { destination: { write: (line: string) => void logLines.push(line) } });
    t = await startTestGraph({
      sizes: SIZES,
      logger,
      vendors: async (sims) => {
        front = await startCanaryVendorFront(sims);
        return front.endpoints;
      },
    });
    front.setMode(scenario.mode);
    if (scenario.fault) {
      t.sims.faults.set(Object.fromEntries(SIM_VENDORS.map((v) => [v, { faults: [{ kind: scenario.fault, rate: 1 }] }])));
    }
    for (const op of OPERATIONS) {
      const res = await fetch(`${t.graph.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(op),
      });
      const text = await res.text();
      const headers: string[] = [];
      res.headers.forEach((value, key) => headers.push(`${key}: ${value}`));
      responses.push(`HTTP ${res.status} ${headers.join("\n")} ${text}`);
      const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> };
      for (const e of body.errors ?? []) codes.add(String(e.extensions?.code));
    }
    metrics = await (await fetch(`${t.graph.url}/metrics`)).text();
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await front?.close();
  });

  it("reaches the vendors and answers with public codes only", () => {
    expect(front.seen.length).toBeGreaterThan(0);
    for (const code of codes) expect(PUBLIC_CODES, `code ${code}`).toContain(code);
    for (const code of scenario.expectCodes) expect([...codes]).toContain(code);
    if (scenario.mode === "translate" && !scenario.fault) expect(codes).toEqual(new Set());
    if (scenario.mode !== "translate" || scenario.fault) expect(logLines.join("")).toMatch(/"msg":"vendor error"/);
  });

  it("shows no credential, vendor host, vendor body or stack in any response", () => {
    for (const text of responses) expect(findLeaks(text, front, new URL(t.sims.url).host), text).toEqual([]);
  });

  it("writes no credential, vendor host, vendor body or stack to any log line", () => {
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(findLeaks(line, front, new URL(t.sims.url).host), line).toEqual([]);
  });

  it("puts no credential, vendor host, vendor body or stack into /metrics", () => {
    expect(metrics).toContain("customer_graph_graphql_operations_total");
    expect(findLeaks(metrics, front, new URL(t.sims.url).host)).toEqual([]);
  });
});

describe("ids cannot steer a vendor call", () => {
  const EVIL_IDS = ["../x", "a/b", "x?y=1", "x#y", "%2e%2e", "..", ".", "x\r\nHost: evil", "x%0d%0aHost: evil", "/etc/passwd"];
  const SOURCES: SourceName[] = ["RPM", "WMS", "KOMET", "CONNECT"];
  let t: TestGraph;
  let front!: CanaryVendorFront;

  beforeAll(async () => {
    t = await startTestGraph({
      sizes: SIZES,
      vendors: async (sims) => {
        front = await startCanaryVendorFront(sims);
        return front.endpoints;
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await front?.close();
  });

  it.each(SOURCES)("customerBySourceId on %s reads a hostile sourceId as no customer, or refuses it", async (source) => {
    for (const sourceId of EVIL_IDS) {
      const res = await t.query<{ customerBySourceId: unknown }>(
        "query($source: Source!, $sourceId: ID!) { customerBySourceId(source: $source, sourceId: $sourceId) { sourceId } }",
        { source, sourceId },
      );
      expect(res.status, sourceId).toBe(200);
      if (res.errors) expect(res.errors.map((e) => e.extensions?.code), sourceId).toEqual([ErrorCode.BAD_USER_INPUT]);
      else expect(res.data?.customerBySourceId, sourceId).toBeNull();
    }
  });

  it.each(SOURCES)("a global id naming a hostile %s key reads as null", async (source) => {
    for (const customerId of EVIL_IDS) {
      const id = ids.encode({ type: "Customer", source, customerId });
      const res = await t.query<{ node: unknown }>("query($id: ID!) { node(id: $id) { id } }", { id });
      expect(res.status, customerId).toBe(200);
      if (res.errors) expect(res.errors.map((e) => e.extensions?.code), customerId).toEqual([ErrorCode.BAD_USER_INPUT]);
      else expect(res.data?.node, customerId).toBeNull();
    }
  });

  it("called no vendor for any of them: each vendor's key rule refuses them first (docs/security.md)", () => {
    expect(front.seen).toEqual([]);
  });

  it("sends a key that passes the rule but is still odd as one encoded path segment", async () => {
    for (const source of ["WMS", "CONNECT"] as const) {
      for (const sourceId of ["a b", "x:y", "x;y=1", "x@evil", "é+ü", "x..y", "~x"]) {
        const res = await t.query("query($source: Source!, $sourceId: ID!) { customerBySourceId(source: $source, sourceId: $sourceId) { sourceId } }", { source, sourceId });
        expect(res.errors, sourceId).toBeUndefined();
      }
    }
  });

  it("sent every call to a documented operation under its vendor's prefix, each id within one path segment", () => {
    expect(front.seen.length).toBeGreaterThan(0);
    for (const call of front.seen) {
      expect(call.host).toBe(front.hostPort);
      const url = new URL(call.url, "http://front");
      const [, prefix, ...rest] = url.pathname.split("/");
      expect(prefix).toBe(call.vendor);
      const operation = t.sims.simulator(call.vendor).operation({
        method: call.method,
        path: "/" + rest.join("/"),
        query: url.searchParams,
        headers: {},
        body: "",
      });
      expect(operation, `${call.method} ${call.url}`).not.toBeNull();
      // A hostile id stays one encoded segment: decoding the path may not create a new segment or walk up.
      for (const segment of rest) expect(["", ".", ".."]).not.toContain(decodeURIComponent(segment));
    }
  });
});
