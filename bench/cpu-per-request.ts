import { fork, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { startSimulators } from "../src/simulators/server.js";
import { cpuTimeMs } from "./cpu-time.js";
import { startLoadRunner, startServerProcess, stopChild, type ServerProcess } from "./processes.js";
import { BENCH_SIZES, freshBodies, gatherInputs, SCENARIOS } from "./scenarios.js";
import { serverEnv } from "./server-env.js";
import type { Variant } from "./variants.js";

/**
 * A/B of the compiled graph's own CPU per request, the figure least moved by other work on a shared machine:
 * `npx tsx bench/cpu-per-request.ts --only=nested-wms,flat-wms --servers=this,/tmp/base --rounds=4`. Each server
 * is a project root already built (`npm run build` there), run by its own bench/graph-process.mjs; `this` is this
 * checkout, `this+KEY=VALUE` the same with an environment variable set, `this+nobudget` without the budget's
 * accounting (the bench-only switch of variant graph-no-budget). Rounds
 * alternate the servers (A B, B A); each round is 10 connections for --seconds at 0 ms vendors, and the server's
 * CPU (user + system, from /proc) over the requests it answered. Prints the median per server and scenario.
 * `--fresh=N`: N salted copies of each scenario's bodies, new for every round and server. `graphql-js` or
 * `graphql-jit` in --servers runs that baseline (bench/server-process.ts) beside the graph builds.
 */
const { values: args } = parseArgs({
  options: {
    only: { type: "string", default: "nested-wms,flat-wms" },
    servers: { type: "string", default: "this" },
    rounds: { type: "string", default: "4" },
    seconds: { type: "string", default: "3" },
    connections: { type: "string", default: "10" },
    // N salted copies of the bodies, new for every round and server: a cache-hostile scenario (distinct-1000)
    // stays new to every document cache, as in the bench's short rounds.
    fresh: { type: "string", default: "1" },
  },
});
const HERE = new URL("..", import.meta.url).pathname;
/** Servers named by their variant: the bench's baselines, which answer the graph's own documents. */
const BASELINES = ["graphql-js", "graphql-jit"];

const sims = await startSimulators({ sizes: BENCH_SIZES, port: 0 });
const runner = startLoadRunner();
const children: ChildProcess[] = [];
const baselines: ServerProcess[] = [];
try {
  const servers: Array<{ name: string; pid: number; url: string }> = [];
  for (const name of args.servers!.split(",")) {
    if (BASELINES.includes(name)) {
      const baseline = await startServerProcess(name as Variant, sims.url);
      baselines.push(baseline);
      servers.push({ name, pid: baseline.pid, url: baseline.url });
      continue;
    }
    const [root, ...extra] = name.split("+");
    const dir = root === "this" ? HERE : `${root}/`;
    const vars = extra.filter((e) => e.includes("="));
    const env = { ...serverEnv("graph", sims.url), ...Object.fromEntries(vars.map((kv) => kv.split("=") as [string, string])) };
    const benchOptions = extra.includes("nobudget") ? { budgetAccounting: false } : {};
    const child = fork(`${dir}bench/graph-process.mjs`, [JSON.stringify(env), JSON.stringify(benchOptions)], {
      env: { ...process.env, NODE_ENV: "production" },
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    children.push(child);
    const ready = await new Promise<{ url: string }>((resolve, reject) => {
      child.once("message", resolve);
      child.once("exit", (code) => reject(new Error(`${name} exited (${code})`)));
    });
    servers.push({ name, pid: child.pid!, url: ready.url });
  }
  const inputs = await gatherInputs(servers[0]!.url);
  const results = new Map<string, { cpu: number[]; rate: number[] }>();
  for (const id of args.only!.split(",")) {
    const scenario = SCENARIOS.find((s) => s.id === id);
    if (!scenario) throw new Error(`no scenario ${id}`);
    const fresh = freshBodies(scenario, inputs, "cpu");
    const bodies = () => fresh(Number(args.fresh));
    for (const s of servers) await runner.run({ url: s.url, bodies: bodies(), connections: Number(args.connections), durationSec: 1 });
    for (let round = 0; round < Number(args.rounds); round++) {
      for (const s of round % 2 === 0 ? servers : [...servers].reverse()) {
        const before = cpuTimeMs(s.pid);
        const outcome = await runner.run({ url: s.url, bodies: bodies(), connections: Number(args.connections), durationSec: Number(args.seconds) });
        await new Promise((r) => setTimeout(r, 300));
        const cpu = (cpuTimeMs(s.pid) - before) / outcome.latencies.length;
        const entry = results.get(`${id} ${s.name}`) ?? { cpu: [], rate: [] };
        entry.cpu.push(cpu);
        entry.rate.push(outcome.latencies.length / (outcome.elapsedMs / 1000));
        results.set(`${id} ${s.name}`, entry);
        if (outcome.non2xx + outcome.graphqlErrors > 0) console.log(`WARNING ${id} on ${s.name}: ${outcome.non2xx} non-2xx, ${outcome.graphqlErrors} with errors`);
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log("scenario / server: median CPU ms per request (each round) | median req/s (each round)");
  for (const [key, { cpu, rate }] of results) {
    console.log(`${key.padEnd(60)} ${median(cpu).toFixed(2).padStart(7)} ms (${cpu.map((c) => c.toFixed(2)).join(" ")}) | ${median(rate).toFixed(0).padStart(5)} req/s (${rate.map((r) => r.toFixed(0)).join(" ")})`);
  }
} finally {
  await Promise.all([...children.map((c) => stopChild(c)), ...baselines.map((b) => b.stop())]);
  await runner.stop();
  await sims.close();
}
