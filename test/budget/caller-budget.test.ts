import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type GraphResult, type TestGraph } from "../support/graph.js";

const SPENDER = "SpenderKey0123456789abcd";
const OTHER = "OtherCallerKey0123456789";
const UNLIMITED = "NoBudgetKey0123456789abc";

const callerOf = (r: GraphResult) => r.extensions?.cost?.caller;

/** Raw HTTP, to read the status and Retry-After of a refusal. */
async function post(t: TestGraph, key: string, query: string) {
  const res = await fetch(`${t.graph.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as GraphResult };
}

const SIX_RPM_CALLS = `{ customers(first: 5, filter: {sources: [RPM]}) { nodes { name website } } }`;

describe("a caller's budget of vendor calls (calls:<n>/<unit>, CALLER_VENDOR_CALLS)", () => {
  let t: TestGraph;
  beforeAll(async () => {
    t = await startTestGraph({
      callerKeys: `${SPENDER}=customers:read,calls:10/hour;${OTHER}=customers:read;${UNLIMITED}=customers:read,calls:100000/day`,
      budget: { callerCalls: { calls: 50, per: "minute" } },
    });
  });
  afterAll(() => t.close());

  it("reserves the estimate, settles to the calls made, and shows what is left in extensions.cost.caller", async () => {
    const first = await post(t, SPENDER, `{ customers(first: 3, filter: {sources: [KOMET]}) { nodes { name } } }`);
    expect(first.status).toBe(200);
    // One Komet call made; the estimate (1) reserved and settled to it.
    expect(callerOf(first.body)).toMatchObject({ limit: 10, remaining: 9 });
    expect(Date.parse(callerOf(first.body)!.resetsAt)).toBeGreaterThan(Date.now());
  });

  it("refuses a request whose estimate is over what is left: 429, Retry-After, THROTTLED, and no vendor call", async () => {
    const spend = await post(t, SPENDER, SIX_RPM_CALLS);
    expect(spend.status).toBe(200);
    expect(callerOf(spend.body)?.remaining).toBe(3);
    t.resetStats();
    const refused = await post(t, SPENDER, SIX_RPM_CALLS);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(3600);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("THROTTLED");
    expect(refused.body.errors?.[0]?.message).toMatch(/may make 6, 3 of 10 remain until \d{4}-\d\d-\d\dT/);
    expect(callerOf(refused.body)).toMatchObject({ limit: 10, remaining: 3 });
    expect(t.calls("rpm")).toBe(0);
  });

  it("serves another caller meanwhile, from its own budget (the default, CALLER_VENDOR_CALLS)", async () => {
    t.resetStats();
    const other = await post(t, OTHER, SIX_RPM_CALLS);
    expect(other.status).toBe(200);
    expect(other.body.errors).toBeUndefined();
    expect(callerOf(other.body)).toMatchObject({ limit: 50, remaining: 44 });
    expect(t.calls("rpm")).toBe(6);
  });

  it("still answers what costs nothing to a caller whose budget is spent", async () => {
    const free = await post(t, SPENDER, `{ sources { source } }`);
    expect(free.status).toBe(200);
    expect(callerOf(free.body)?.remaining).toBe(3);
  });
});
