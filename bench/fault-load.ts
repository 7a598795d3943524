import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { mixedScenario, soloScenarios } from "./fault-load/fault-plans.js";
import { formatReport, passed } from "./fault-load/report.js";
import { runScenario, type ScenarioResult, type Target } from "./fault-load/run-scenario.js";

/**
 * `npm run bench:faults`: the graph (as `npm start` composes it in front of real vendors) and the simulated
 * vendors, each in a child process of its own; then each vendor fault kind alone under a small read/write
 * load, every kind mixed under a long one, and a table of what clients saw and what the vendor holds after. Exits 1 when any scenario broke a promise
 * (a 5xx, a wrong partial answer, a lost acknowledged write, a failed write that was applied anyway).
 *
 *   npm run bench:faults -- --connections 50 --duration 30 --fault-rate 0.05
 */
const { values: args } = parseArgs({
  options: {
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "30" },
    "fault-rate": { type: "string", default: "0.05" },
    "solo-requests": { type: "string", default: "200" },
    "solo-connections": { type: "string", default: "10" },
    "solo-rate": { type: "string", default: "0.2" },
    "skip-solo": { type: "boolean", default: false },
  },
});

/** A side of the run in its own process (bench/fault-load/server-process.ts), once it says it is ready. */
async function startSide(args: string[]): Promise<{ url: string; stop(): void; pid: number }> {
  const child = fork(fileURLToPath(new URL("./fault-load/server-process.ts", import.meta.url)), args, {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${args[0]} process exited (${code}) before it was ready`)));
    child.once("message", (m: { url: string }) => resolve(m.url));
  });
  return { url, pid: child.pid!, stop: () => child.send({ type: "stop" }) };
}

/**
 * The solo runs use a graph whose hung vendor calls end after a second (not the default ten) and whose open
 * breakers try again after a second, so that each scenario is short and the next starts with closed breakers.
 * The mixed run uses the defaults, as `npm start` would.
 */
const SOLO_ENV = { VENDOR_TIMEOUT_MS: "1000", VENDOR_BREAKER_HALF_OPEN_MS: "1000" };

async function withGraph<T>(simulatorUrl: string, env: Record<string, string>, run: (target: Target) => Promise<T>): Promise<T> {
  const graph = await startSide(["graph", simulatorUrl, JSON.stringify(env)]);
  console.log(`graph ${graph.url} (pid ${graph.pid}) with ${JSON.stringify(env)}`);
  try {
    return await run({ graphUrl: graph.url, simulatorUrl });
  } finally {
    graph.stop();
  }
}

const simulators = await startSide(["simulators"]);
console.log(`simulators ${simulators.url} (pid ${simulators.pid}), load generator pid ${process.pid}`);

const results: ScenarioResult[] = [];
try {
  if (!args["skip-solo"]) {
    await withGraph(simulators.url, SOLO_ENV, async (target) => {
      const solo = soloScenarios({ rate: Number(args["solo-rate"]), latencyMs: 150, retryAfterSec: 1 });
      for (const [i, scenario] of solo.entries()) {
        console.log(`${scenario.name}: ${scenario.description}`);
        results.push(
          await runScenario(target, scenario, {
            connections: Number(args["solo-connections"]),
            durationSec: 0,
            amount: Number(args["solo-requests"]),
            writeEvery: 3,
            run: `S${i}`,
          }),
        );
      }
    });
  }
  const mixed = mixedScenario(Number(args["fault-rate"]));
  await withGraph(simulators.url, {}, async (target) => {
    console.log(`mixed: ${mixed.description}; ${args.connections} connections for ${args.duration} s, one request in four a write`);
    results.push(
      await runScenario(target, mixed, { connections: Number(args.connections), durationSec: Number(args.duration), writeEvery: 4, run: "MX" }),
    );
  });
} finally {
  simulators.stop();
}

console.log("");
console.log(formatReport(results));
process.exitCode = results.every(passed) ? 0 : 1;
