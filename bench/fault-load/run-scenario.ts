import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import type { FaultPlanBody, FaultScenario } from "./fault-plans.js";
import { judgeRead, judgeWrite, readBody, writeBody, writeIntent, type WriteIntent, type WriteOutcome } from "./operations.js";
import { auditWrites, type WriteAudit } from "./write-audit.js";

/** Where the graph and its (simulated) vendors listen. */
export interface Target {
  graphUrl: string;
  simulatorUrl: string;
}

export interface LoadShape {
  connections: number;
  /** Stop after this many seconds, or after `amount` requests when that is set. */
  durationSec: number;
  amount?: number;
  /** One request in `writeEvery` is a write, the others reads. */
  writeEvery: number;
  /** Prefix of this run's shortIDs (2 to 8 characters), unique per scenario so writes never collide. */
  run: string;
}

export interface ScenarioResult {
  scenario: string;
  requests: number;
  /** Answers with HTTP 5xx from the layer: must be 0. */
  http5xx: number;
  /** Reads that came back with data and errors. */
  partial: number;
  /** Answers that broke a rule (judgeRead/judgeWrite): must be 0. */
  wrong: number;
  /** The first few rule breaks, to print. */
  examples: string[];
  errorCodes: Record<string, number>;
  writesUnanswered: number;
  /** POST /Customer calls WMS received: more than writes answered means the layer sent some writes again. */
  vendorWriteCalls: number;
  audit: WriteAudit;
  p50Ms: number;
  p99Ms: number;
  /** The vendors answered cleanly again before the run (faults cleared, breakers closed). */
  recovered: boolean;
}

/** WMS upsert calls the simulator has counted so far (refused and faulted ones included). */
async function vendorWriteCalls(target: Target): Promise<number> {
  const stats = (await (await fetch(`${target.simulatorUrl}/__sim/stats`)).json()) as { wms?: Record<string, number> };
  return stats.wms?.["POST /Customer"] ?? 0;
}

async function setFaults(target: Target, plan: FaultPlanBody): Promise<void> {
  const res = await fetch(`${target.simulatorUrl}/__sim/faults`, { method: "POST", body: JSON.stringify(plan) });
  if (!res.ok) throw new Error(`setting faults failed: ${res.status} ${await res.text()}`);
}

/**
 * Clears the faults and waits (bounded) until a read across every vendor comes back without errors, so one
 * scenario's open circuit breakers do not count against the next.
 */
export async function settle(target: Target, limitMs = 15_000): Promise<boolean> {
  await setFaults(target, {});
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${target.graphUrl}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: readBody });
    const verdict = judgeRead(res.status, await res.text());
    if (verdict.codes.length === 0 && verdict.problems.length === 0) return true;
    await sleep(250);
  }
  return false;
}

/** One scenario: its faults set, the load run with autocannon, the faults cleared, every write audited. */
export async function runScenario(target: Target, scenario: FaultScenario, shape: LoadShape): Promise<ScenarioResult> {
  const recovered = await settle(target);
  const writeCallsBefore = await vendorWriteCalls(target);
  await setFaults(target, scenario.plan);

  let next = 0;
  let http5xx = 0;
  let partial = 0;
  let wrong = 0;
  const examples: string[] = [];
  const errorCodes: Record<string, number> = {};
  const writesSent = new Set<string>();
  const writes: Array<{ intent: WriteIntent; outcome: WriteOutcome }> = [];
  const note = (problems: string[], body: string) => {
    if (problems.length === 0) return;
    wrong++;
    if (examples.length < 5) examples.push(`${problems.join("; ")} in ${body.slice(0, 800)}`);
  };
  const count = (codes: string[]) => {
    for (const code of codes) errorCodes[code] = (errorCodes[code] ?? 0) + 1;
  };

  type Op = { write: WriteIntent } | { read: true };
  const instance = autocannon({
    url: `${target.graphUrl}/graphql`,
    connections: shape.connections,
    pipelining: 1,
    // Longer than any answer can take (the default vendor timeout times three attempts, plus backoff), so that
    // requests are cut off only at the end of a timed run.
    timeout: 60,
    ...(shape.amount ? { amount: shape.amount } : { duration: shape.durationSec }),
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        // autocannon keeps one context per connection; with pipelining 1 the context seen by onResponse is the
        // one this request was built with, which is how an answer is matched to its write.
        setupRequest: (request, context: { op?: Op }) => {
          const n = next++;
          if (n % shape.writeEvery === shape.writeEvery - 1) {
            const intent = writeIntent(shape.run, n);
            context.op = { write: intent };
            writesSent.add(intent.shortId);
            return { ...request, body: writeBody(intent) };
          }
          context.op = { read: true };
          return { ...request, body: readBody };
        },
        onResponse: (status: number, body: string, context: { op?: Op }) => {
          if (status >= 500) http5xx++;
          const op = context.op;
          if (!op) return;
          if ("write" in op) {
            const { outcome, problems } = judgeWrite(op.write, status, body);
            writes.push({ intent: op.write, outcome });
            if (outcome.kind === "failed" || outcome.kind === "unknown") count(outcome.codes);
            note(problems, body);
          } else {
            const verdict = judgeRead(status, body);
            if (verdict.partial) partial++;
            count(verdict.codes);
            note(verdict.problems, body);
          }
        },
      },
    ],
  });
  const result = await instance;
  await setFaults(target, {});
  const answered = new Set(writes.map((w) => w.intent.shortId));
  return {
    scenario: scenario.name,
    requests: result.requests.total,
    http5xx,
    partial,
    wrong,
    examples,
    errorCodes,
    writesUnanswered: [...writesSent].filter((id) => !answered.has(id)).length,
    vendorWriteCalls: (await vendorWriteCalls(target)) - writeCallsBefore,
    audit: await auditWrites(target.simulatorUrl, writes),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    recovered,
  };
}
