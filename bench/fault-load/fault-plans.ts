import type { Fault, VendorFaults } from "../../src/simulators/faults.js";
import { SIM_VENDORS, type SimVendor } from "../../src/simulators/vendor-simulator.js";

/** What POST /__sim/faults takes: per vendor, added latency and faults with their rates. */
export type FaultPlanBody = Partial<Record<SimVendor, VendorFaults>>;

export interface FaultScenario {
  name: string;
  /** What the scenario does, for the table's legend. */
  description: string;
  plan: FaultPlanBody;
}

function everyVendor(faults: VendorFaults): FaultPlanBody {
  return Object.fromEntries(SIM_VENDORS.map((v) => [v, faults]));
}

export interface SoloOptions {
  /** Share of calls each fault hits, 0..1. */
  rate: number;
  /** Added to every call in the latency scenario. */
  latencyMs: number;
  /** The Retry-After of the 429 answers, in seconds. */
  retryAfterSec: number;
}

/**
 * Each fault kind alone, on every vendor at once, hitting a share of calls (the simulators pick calls
 * deterministically: the n-th call is hit when floor(n * rate) grows). `resetAfterWrite` applies a write and
 * then drops the connection, so it only ever hits writes.
 */
export function soloScenarios({ rate, latencyMs, retryAfterSec }: SoloOptions): FaultScenario[] {
  const solo = (name: string, description: string, fault: Omit<Fault, "rate">): FaultScenario => ({
    name,
    description,
    plan: everyVendor({ faults: [{ ...fault, rate }] }),
  });
  return [
    { name: "latency", description: `every vendor call ${latencyMs} ms slower`, plan: everyVendor({ latencyMs }) },
    solo("hang", "calls never answered (the vendor timeout ends them)", { kind: "hang" }),
    solo("500", "HTTP 500 with a JSON error body", { kind: "500" }),
    solo("429", `HTTP 429 with Retry-After: ${retryAfterSec}`, { kind: "429", retryAfterSec }),
    solo("reset", "connection reset before any answer (a write is not applied)", { kind: "reset" }),
    solo("malformed", "HTTP 200 with JSON cut in the middle of a token", { kind: "malformed" }),
    solo("truncated", "the call is applied, then HTTP 200 with half of its JSON", { kind: "truncated" }),
    solo("resetAfterWrite", "the write is applied, then the connection is reset", { kind: "resetAfterWrite" }),
  ];
}

/** Every kind at once, `total` of all calls between them (e.g. 0.05 = 5%), on every vendor, plus a little latency. */
export function mixedScenario(total: number): FaultScenario {
  const share = (weight: number) => (total * weight) / 10;
  return {
    name: "mixed",
    description: `${Math.round(total * 100)}% of calls faulted on every vendor (500, 429, reset, malformed, hang, resetAfterWrite), 5 ms latency`,
    plan: everyVendor({
      latencyMs: 5,
      faults: [
        { kind: "500", rate: share(2) },
        { kind: "429", rate: share(2), retryAfterSec: 1 },
        { kind: "reset", rate: share(2) },
        { kind: "malformed", rate: share(2) },
        { kind: "hang", rate: share(1) },
        { kind: "resetAfterWrite", rate: share(1) },
      ],
    }),
  };
}
