import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FaultPlan } from "../../src/simulators/faults.js";
import { startSimulators, type RunningSimulators } from "../../src/simulators/server.js";

describe("simulator control endpoints", () => {
  let sims: RunningSimulators;
  beforeAll(async () => {
    sims = await startSimulators({ sizes: { rpm: 5, wms: 5, komet: 5, connect: 5 } });
  });
  afterAll(() => sims.close());

  it("refuses a fault setting with an unknown kind, naming it", async () => {
    const res = await fetch(`${sims.url}/__sim/faults`, {
      method: "POST",
      body: JSON.stringify({ wms: { faults: [{ kind: "explode", rate: 1 }] } }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain("explode");
  });

  it("answers unknown vendor prefixes with 404 and counts nothing", async () => {
    const res = await fetch(`${sims.url}/nope/Customers`);
    expect(res.status).toBe(404);
    expect(await (await fetch(`${sims.url}/__sim/stats`)).json()).toEqual({});
  });
});

describe("fault plan", () => {
  it("hits a deterministic share of calls for a fractional rate", () => {
    const plan = new FaultPlan();
    plan.set({ rpm: { faults: [{ kind: "500", rate: 0.25 }] } });
    const hits = Array.from({ length: 100 }, () => plan.pick("rpm", false)).filter(Boolean).length;
    expect(hits).toBe(25);
  });

  it("applies resetAfterWrite to writes only", () => {
    const plan = new FaultPlan();
    plan.set({ wms: { faults: [{ kind: "resetAfterWrite", rate: 1 }] } });
    expect(plan.pick("wms", false)).toBeNull();
    expect(plan.pick("wms", true)?.kind).toBe("resetAfterWrite");
  });

  it("clears every fault with an empty body", () => {
    const plan = new FaultPlan();
    plan.set({ komet: { latencyMs: 30, faults: [{ kind: "hang", rate: 1 }] } });
    plan.set({});
    expect(plan.latencyMs("komet")).toBe(0);
    expect(plan.pick("komet", false)).toBeNull();
  });
});
