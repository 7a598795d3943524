import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startSimulators } from "../src/simulators/server.js";
import { reqPerSecChart } from "./chart.js";
import { summarize } from "./latency-stats.js";
import type { LoadJob } from "./load-runner.js";
import { startLoadRunner, startServerProcess, type ServerProcess } from "./processes.js";
import type { BenchResults, CallCheck, Row } from "./results.js";
import { installMesh, meshInstalled, startMeshGateway } from "./mesh-gateway.js";
import { checksTable, resultsTable, targetsTable } from "./report-table.js";
import { PeakRss } from "./rss.js";
import { cpuTimeMs } from "./cpu-time.js";
import { BENCH_SIZES, bodiesFor, gatherInputs, SCENARIOS, type Scenario, type ScenarioInputs } from "./scenarios.js";
import { runNoise } from "./run-noise.js";
import { evaluateTargets } from "./targets.js";
import { budgetCostTargets } from "./targets-budget.js";
import { nestedConnectionTargets } from "./targets-nested.js";
import { askOnce, callsBetween, fetchStats, setVendorLatency, totalCalls } from "./vendor-calls.js";
import { VARIANTS, ZERO_MS_ONLY, type Variant } from "./variants.js";
import { startRedisServer } from "../test/support/redis-server.js";

/**
 * `npm run bench`: the simulators (in this process), each server variant in a process of its own, and the load
 * generator in another. Every scenario runs every variant in alternating rounds (A B C, then C B A) so that
 * drift in the shared machine's load falls on all of them alike. Prints one table, checks the targets of issues 6, 14 and 10 (item 8),
 * and writes bench/results/<date>.json and .svg.
 */
const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "1.5" },
    rounds: { type: "string", default: "2" },
    latencies: { type: "string", default: "0,20" },
    only: { type: "string" },
    variants: { type: "string" },
    soak: { type: "string", default: "20" },
    out: { type: "string", default: fileURLToPath(new URL("./results/", import.meta.url)) },
  },
});
const durationSec = Number(args.duration);
const rounds = Math.max(1, Number(args.rounds));
const latencies = args.latencies!.split(",").map(Number);
const soakSec = Number(args.soak);
const asked = (args.variants?.split(",") ?? VARIANTS) as Variant[];
const scenarios = args.only ? SCENARIOS.filter((s) => args.only!.split(",").includes(s.id)) : SCENARIOS;
const SOAK_TARGET_SEC = 300;

const startedAt = Date.now();
const log = (text: string) => console.log(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${text}`);
// The Mesh gateway is a separate install (bench/mesh, about 500 MB, kept out of the project's own): installed on
// the first run that asks for it, and left out with a note when that cannot be done (no registry).
if (asked.includes("mesh") && !meshInstalled()) {
  log("installing the Mesh/Hive gateway comparison (npm ci --prefix bench/mesh, about 500 MB)");
  if (!(await installMesh())) log("could not install bench/mesh: the Mesh/Hive gateway comparison is left out of this run");
}
const variants = asked.filter((v) => v !== "mesh" || meshInstalled());
// graph-redis: the graph with REDIS_URL set, on a redis-server of the bench's own (free port, nothing on disk).
const redis = variants.includes("graph-redis") ? await startRedisServer() : undefined;

log(`simulators: ${Object.entries(BENCH_SIZES).map(([v, n]) => `${v} ${n}`).join(", ")} customers`);
const sims = await startSimulators({ sizes: BENCH_SIZES, port: 0 });
const runner = startLoadRunner();
const servers = new Map<Variant, ServerProcess>();
const idleRssMb: Partial<Record<Variant, number>> = {};
async function restartServers(): Promise<void> {
  await Promise.all([...servers.values()].map((s) => s.stop()));
  for (const variant of variants) {
    // One at a time: schema builds and module loads would otherwise compete for the same two cores.
    const server =
      variant === "mesh"
        ? await startMeshGateway(sims.url)
        : await startServerProcess(variant, sims.url, undefined, variant === "graph-redis" && redis ? { REDIS_URL: redis.url } : {});
    servers.set(variant, server);
    idleRssMb[variant] ??= new PeakRss(server.pid).current();
    log(`${variant} server ready (pid ${server.pid}, ${new PeakRss(server.pid).current().toFixed(0)} MB RSS idle)`);
  }
}
try {
  await restartServers();
  const graphUrl = servers.get("graph")?.url ?? [...servers.values()][0]!.url;
  const inputs = await gatherInputs(graphUrl);

  log("checking answers and exact vendor calls (one request per scenario and variant)");
  const checks = await checkScenarios(inputs);
  console.log(checksTable({ checks }));

  log("warming up every variant");
  for (const server of servers.values()) {
    // The light scenarios only: a heavy one cut off at the end would still be running when measuring starts.
    const light = scenarios.filter((s) => s.minimum.calls <= 20);
    const bodies = light.flatMap((s) => bodiesFor(server.variant, s, inputs, "warm")?.slice(0, 1) ?? []);
    await runner.run({ url: server.url, bodies, connections: 10, durationSec: 1 });
    await settledStats();
  }

  const rows: Row[] = [];
  const measureAt = async (latencyMs: number, list: Scenario[]) => {
    await setVendorLatency(sims.url, latencyMs);
    for (const scenario of list.filter((s) => !s.latencies || s.latencies.includes(latencyMs))) {
      const connections = scenario.connections ?? (latencyMs === 0 ? 10 : 1);
      log(`${latencyMs} ms vendors: ${scenario.id} (${connections} connection${connections > 1 ? "s" : ""})`);
      try {
        rows.push(...(await measureScenario(scenario, inputs, latencyMs, connections)));
      } catch (err) {
        // One broken scenario must not cost the whole run: it is reported and missing from the table.
        log(`FAILED ${scenario.id} at ${latencyMs} ms: ${String(err)}`);
      }
    }
  };
  for (const latencyMs of latencies) await measureAt(latencyMs, scenarios.filter((s) => !s.isolated));
  await setVendorLatency(sims.url, 0);
  const saturation = await measureHalfSaturation(rows, inputs);
  const soak = soakSec > 0 ? await measureSoak(inputs) : undefined;

  const isolated = scenarios.filter((s) => s.isolated);
  if (isolated.length > 0) {
    log("restarting the servers for the isolated scenarios (peak memory of their own)");
    await restartServers();
    for (const latencyMs of latencies) await measureAt(latencyMs, isolated);
    await setVendorLatency(sims.url, 0);
  }
  for (const row of rows) row.exactCalls = checks.find((c) => c.scenario === row.scenario && c.variant === row.variant)?.total ?? NaN;

  const partial: Omit<BenchResults, "targets"> & { noise: number } = {
    date: new Date().toISOString(),
    machine: {
      cpus: availableParallelism(),
      node: process.version,
      note: "simulators, servers and load generator share this machine; other work on it adds noise",
    },
    options: { durationSec, rounds, latencies, soakSec, variants, scenarios: scenarios.map((s) => s.id) },
    checks,
    idleRssMb,
    rows,
    saturation,
    soak,
    elapsedSec: Math.round((Date.now() - startedAt) / 1000),
    noise: NaN,
  };
  const previous = lastRecordedRun(args.out!);
  partial.noise = runNoise(rows);
  partial.previousRun = previous?.file;
  const results: BenchResults = {
    ...partial,
    targets: [...evaluateTargets(partial, SOAK_TARGET_SEC), ...nestedConnectionTargets(partial, previous), ...budgetCostTargets(partial)],
  };

  console.log(`\n${resultsTable(rows)}\n`);
  console.log(`idle RSS: ${Object.entries(idleRssMb).map(([v, mb]) => `${v} ${mb!.toFixed(0)} MB`).join(", ")}`);
  console.log(`noise between rounds (median spread of a row's round req/s): ${(partial.noise * 100).toFixed(0)}%\n`);
  console.log(`${targetsTable(results.targets)}\n`);
  mkdirSync(args.out!, { recursive: true });
  const stamp = results.date.slice(0, 19).replace(/:/g, "-");
  const file = `${args.out}${stamp}.json`;
  writeFileSync(file, JSON.stringify(results, null, 2));
  writeFileSync(`${args.out}${stamp}.svg`, reqPerSecChart(rows, `customer-graph bench ${results.date.slice(0, 10)}: req/s per scenario`));
  log(`wrote ${file} and .svg (${results.elapsedSec} s in all)`);
} finally {
  await Promise.all([...servers.values()].map((s) => s.stop()));
  await runner.stop();
  await sims.close();
  await redis?.stop();
}
// Issue 10 item 7, in its own process once the load above is gone: the browsing workload's reads per vendor call.
if (!args.only) execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./browsing.ts", import.meta.url))], { stdio: "inherit" });

/** The newest results file in `dir` written before this run (the last recorded run), if any. */
function lastRecordedRun(dir: string): { file: string; rows: Row[] } | undefined {
  if (!existsSync(dir)) return undefined;
  const file = readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}T[\d-]+\.json$/.test(f))
    .sort()
    .at(-1);
  return file ? { file, rows: (JSON.parse(readFileSync(`${dir}${file}`, "utf8")) as BenchResults).rows } : undefined;
}

/** One request per scenario and variant on idle servers: the exact vendor calls, and answers equal to the graph's. */
async function checkScenarios(inputs: ScenarioInputs): Promise<CallCheck[]> {
  const checks: CallCheck[] = [];
  for (const scenario of scenarios) {
    let reference: string | undefined;
    for (const [variant, server] of servers) {
      const body = bodiesFor(variant, scenario, inputs, "check")?.[0];
      if (!body) continue;
      await askOnce(server.url, sims.url, body); // warms the loaders' code paths and the WMS token
      // The cached variant is measured on a cold cache (the first request is what a cache costs the vendors).
      await server.clearCache?.();
      const answer = await askOnce(server.url, sims.url, body);
      const data = JSON.stringify(answer.body.data);
      if (variant !== "mesh") reference ??= data;
      checks.push({
        scenario: scenario.id,
        variant,
        calls: answer.calls,
        total: totalCalls(answer.calls),
        minimum: scenario.minimum.calls,
        minimumByOperation: scenario.minimum.byOperation,
        sameAnswer: variant === "mesh" ? null : data === reference,
        errors: (answer.body.errors ?? []).map((e) => `${e.extensions?.code ?? ""} ${e.message}`),
      });
      if (answer.status !== 200 || answer.body.errors) {
        log(`WARNING ${scenario.id} on ${variant}: HTTP ${answer.status} ${JSON.stringify(answer.body.errors ?? "")}`);
      }
    }
  }
  return checks;
}

/** Every variant, in alternating rounds; each round's figures are merged per variant. */
async function measureScenario(scenario: Scenario, inputs: ScenarioInputs, latencyMs: number, connections: number): Promise<Row[]> {
  const merged = new Map<
    Variant,
    { latencies: number[]; elapsedMs: number; calls: number; sent: number; errors: number; peak: number; roundReqPerSec: number[]; cpuMs: number }
  >();
  const roundsHere = scenario.rounds ?? rounds;
  for (let round = 0; round < roundsHere; round++) {
    // The Mesh gateway's targets are its vendor calls and its 0 ms throughput, and the budget's and Redis's
    // variants' the graph's 0 ms throughput: they sit out the 20 ms runs and the 50-client one.
    const present = [...servers.keys()].filter(
      (v) => bodiesFor(v, scenario, inputs, "probe") && (!ZERO_MS_ONLY.includes(v) || (latencyMs === 0 && connections < 50)),
    );
    const order = round % 2 === 0 ? present : [...present].reverse();
    for (const variant of order) {
      const server = servers.get(variant)!;
      const job: LoadJob = {
        url: server.url,
        bodies: bodiesFor(variant, scenario, inputs, `${latencyMs}_${round}_${variant.replace(/\W/g, "")}`)!,
        connections,
        durationSec,
        // autocannon needs at least one request per connection.
        amount: scenario.amount ? Math.max(connections, Math.ceil(scenario.amount / roundsHere)) : undefined,
        maxDurationSec: scenario.maxRoundSec ?? durationSec * 2,
      };
      const peak = new PeakRss(server.pid);
      const before = await fetchStats(sims.url);
      const cpuBefore = cpuTimeMs(server.pid);
      peak.start();
      const outcome = await runner.run(job);
      const peakMb = peak.stop();
      const calls = totalCalls(callsBetween(before, await settledStats()));
      // Settled: requests cut off at the end of the run have been served too, and are counted in `sent`.
      const cpuMs = cpuTimeMs(server.pid) - cpuBefore;
      const m = merged.get(variant) ?? { latencies: [], elapsedMs: 0, calls: 0, sent: 0, errors: 0, peak: 0, roundReqPerSec: [], cpuMs: 0 };
      m.cpuMs += cpuMs;
      m.roundReqPerSec.push(outcome.latencies.length / (outcome.elapsedMs / 1000));
      for (const l of outcome.latencies) m.latencies.push(l);
      m.elapsedMs += outcome.elapsedMs;
      m.calls += calls;
      m.sent += outcome.sent;
      m.errors += outcome.non2xx + outcome.graphqlErrors + outcome.transportErrors + outcome.timeouts;
      m.peak = Math.max(m.peak, peakMb);
      merged.set(variant, m);
    }
  }
  return [...merged].map(([variant, m]) => {
    const { p50, p99 } = summarize(m.latencies);
    const requests = m.latencies.length;
    return {
      latencyMs,
      scenario: scenario.id,
      variant,
      connections,
      requests,
      reqPerSec: requests / (m.elapsedMs / 1000),
      p50,
      p99,
      // Requests cut off at the end of a timed run were still served, vendor calls and all: count them too.
      callsPerQuery: m.sent > 0 ? m.calls / m.sent : NaN,
      exactCalls: NaN,
      minCalls: scenario.minimum.calls,
      minRoundTrips: scenario.minimum.roundTrips,
      floorMs: scenario.minimum.roundTrips * latencyMs,
      peakRssMb: m.peak,
      errors: m.errors,
      roundReqPerSec: m.roundReqPerSec,
      cpuMsPerRequest: m.sent > 0 ? m.cpuMs / m.sent : NaN,
    };
  });
}

/**
 * The simulators' counts once the servers are idle: requests cut off at the end of a timed run are still served,
 * vendor calls and all, and must neither be lost from this run's count nor slow the next run down.
 */
async function settledStats() {
  let last = await fetchStats(sims.url);
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 150));
    const now = await fetchStats(sims.url);
    if (totalCalls(callsBetween(last, now)) === 0) return now;
    last = now;
  }
  return last;
}

/** The graph at a fixed rate of half its own 0 ms saturation on the cross-vendor page: p99 against p50. */
async function measureHalfSaturation(rows: Row[], inputs: ScenarioInputs) {
  const graph = servers.get("graph");
  const saturated = rows.find((r) => r.variant === "graph" && r.latencyMs === 0 && r.scenario === "page-1");
  const scenario = SCENARIOS.find((s) => s.id === "page-1")!;
  if (!graph || !saturated) return undefined;
  const rate = Math.max(1, Math.round(saturated.reqPerSec / 2));
  log(`0 ms vendors: page-1 at a fixed ${rate} req/s (half of saturation)`);
  const outcome = await runner.run({
    url: graph.url,
    bodies: scenario.bodies(inputs, "rate"),
    connections: 10,
    durationSec: durationSec * rounds,
    overallRate: rate,
  });
  await settledStats();
  const { p50, p99 } = summarize(outcome.latencies);
  return { rate, p50, p99, reqPerSec: outcome.latencies.length / (outcome.elapsedMs / 1000) };
}

/** The graph under steady mixed load at 0 ms vendors: RSS early against RSS late, and any error. */
async function measureSoak(inputs: ScenarioInputs) {
  const graph = servers.get("graph");
  if (!graph) return undefined;
  log(`soak: ${soakSec} s of mixed scenarios on the graph, 10 connections`);
  // The scenarios of at most a few vendor calls a request: at 0 ms the 101-call ones would leave few requests.
  const bodies = scenarios.filter((s) => s.minimum.calls <= 20).map((s) => s.bodies(inputs, "soak")[0]!);
  const rss = new PeakRss(graph.pid);
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rss.current()), 1000);
  const outcome = await runner.run({ url: graph.url, bodies, connections: 10, durationSec: soakSec });
  clearInterval(sampler);
  // Early: the first fifth, after warm-up allocations; late: the last fifth. Peaks of each, so GC timing matters less.
  const fifth = Math.max(1, Math.floor(samples.length / 5));
  const startRssMb = Math.max(...samples.slice(0, fifth));
  const endRssMb = Math.max(...samples.slice(-fifth));
  return {
    seconds: soakSec,
    startRssMb,
    endRssMb,
    growthPct: ((endRssMb - startRssMb) / startRssMb) * 100,
    requests: outcome.latencies.length,
    errors: outcome.non2xx + outcome.graphqlErrors + outcome.transportErrors + outcome.timeouts,
  };
}
