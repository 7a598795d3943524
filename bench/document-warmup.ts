import { parseArgs } from "node:util";
import { startSimulators } from "../src/simulators/server.js";
import { cpuTimeMs } from "./cpu-time.js";
import { meshInstalled, startMeshGateway } from "./mesh-gateway.js";
import { startLoadRunner, startServerProcess, type ServerProcess } from "./processes.js";
import { bodiesFor, BENCH_SIZES, freshBodies, gatherInputs, SCENARIOS } from "./scenarios.js";
import type { Variant } from "./variants.js";

/**
 * `npx tsx bench/document-warmup.ts --servers=graph,graph:new,graphql-js,mesh`: what each server costs on documents
 * it has not seen, from the first one on. Each server is first loaded for --warm seconds with one repeated document
 * (same-1000's, as the bench's earlier scenarios leave it), or with new documents when named `variant:new`. Then all
 * get distinct-1000's bodies, salted anew each time, in alternating windows of 500 requests (one round of the
 * bench's distinct-1000), and this prints each window's server CPU per request and req/s.
 *
 * Two questions: how long the new-document path takes to warm up (behind Apollo's document store the graph
 * validates only documents it has not seen, so after repeated documents that code has barely run, while
 * graphql-js validates every request), and where each server ends up once it has warmed up.
 */
const { values: args } = parseArgs({
  options: {
    servers: { type: "string", default: "graph,graph:new,graphql-js,mesh" },
    warm: { type: "string", default: "10" },
    windows: { type: "string", default: "8" },
  },
});
const WINDOW_REQUESTS = 500;

const sims = await startSimulators({ sizes: BENCH_SIZES, port: 0 });
const runner = startLoadRunner();
const started: Array<{ name: string; server: ServerProcess }> = [];
try {
  const distinct = SCENARIOS.find((s) => s.id === "distinct-1000")!;
  const same = SCENARIOS.find((s) => s.id === "same-1000")!;
  const names = args.servers!.split(",").filter((name) => !name.startsWith("mesh") || meshInstalled());
  for (const name of names) {
    const variant = name.split(":")[0] as Variant;
    started.push({ name, server: variant === "mesh" ? await startMeshGateway(sims.url) : await startServerProcess(variant, sims.url) });
  }
  const inputs = await gatherInputs(started.find((s) => s.server.variant !== "mesh")?.server.url ?? started[0]!.server.url);
  const servers = started.map((s) => ({ ...s, fresh: freshBodies(distinct, inputs, "warmup", s.server.variant), windows: [] as string[] }));
  for (const entry of servers) {
    const { variant, url } = entry.server;
    const bodies = entry.name.endsWith(":new") ? entry.fresh(4) : bodiesFor(variant, same, inputs, "warmup")!;
    await runner.run({ url, bodies, connections: 10, durationSec: Number(args.warm) });
  }
  for (let i = 0; i < Number(args.windows); i++) {
    for (const entry of i % 2 === 0 ? servers : [...servers].reverse()) {
      const before = cpuTimeMs(entry.server.pid);
      const outcome = await runner.run({ url: entry.server.url, bodies: entry.fresh(1), connections: 10, amount: WINDOW_REQUESTS, durationSec: 60 });
      const cpu = (cpuTimeMs(entry.server.pid) - before) / outcome.latencies.length;
      entry.windows.push(`${cpu.toFixed(2)}/${(outcome.latencies.length / (outcome.elapsedMs / 1000)).toFixed(0)}`);
    }
  }
  console.log(`server CPU ms per request / req/s, every document new, in windows of ${WINDOW_REQUESTS} requests`);
  console.log("(`:new`: warmed with new documents; otherwise with one repeated document):");
  for (const entry of servers) console.log(`  ${entry.name.padEnd(12)} ${entry.windows.join(" ")}`);
} finally {
  await Promise.all(started.map((s) => s.server.stop()));
  await runner.stop();
  await sims.close();
}
