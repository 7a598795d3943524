import { parseArgs } from "node:util";
import { startSimulators } from "../src/simulators/server.js";
import { cpuTimeMs } from "./cpu-time.js";
import { startLoadRunner, startServerProcess, type ServerProcess } from "./processes.js";
import { BENCH_SIZES, freshBodies, gatherInputs, SCENARIOS } from "./scenarios.js";

/**
 * `npx tsx bench/document-warmup.ts`: how long the graph's path for documents it has not seen takes to warm up.
 * Two graph servers: one first loaded for --warm seconds with one repeated document (same-1000's, as the bench's
 * earlier scenarios leave it), the other with new documents. Then both get new documents only (distinct-1000's
 * bodies, salted anew each window), in alternating windows of one second, and this prints each window's server
 * CPU per request. Behind Apollo's document store the graph validates only documents it has not seen, so after
 * repeated documents its validation code has barely run; the bench's distinct-1000 (1,000 requests in all) falls
 * within that first stretch.
 */
const { values: args } = parseArgs({ options: { warm: { type: "string", default: "10" }, windows: { type: "string", default: "8" } } });
const sims = await startSimulators({ sizes: BENCH_SIZES, port: 0 });
const runner = startLoadRunner();
const servers: ServerProcess[] = [];
try {
  const distinct = SCENARIOS.find((s) => s.id === "distinct-1000")!;
  const same = SCENARIOS.find((s) => s.id === "same-1000")!;
  const afterRepeated = await startServerProcess("graph", sims.url);
  const afterNew = await startServerProcess("graph", sims.url);
  servers.push(afterRepeated, afterNew);
  const inputs = await gatherInputs(afterRepeated.url);
  const fresh = freshBodies(distinct, inputs, "warmup");
  const warm = Number(args.warm);
  await runner.run({ url: afterRepeated.url, bodies: same.bodies(inputs, "warmup"), connections: 10, durationSec: warm });
  await runner.run({ url: afterNew.url, bodies: fresh(4), connections: 10, durationSec: warm });
  const windows = new Map<ServerProcess, string[]>(servers.map((s) => [s, []]));
  for (let i = 0; i < Number(args.windows); i++) {
    for (const server of i % 2 === 0 ? servers : [...servers].reverse()) {
      const before = cpuTimeMs(server.pid);
      const outcome = await runner.run({ url: server.url, bodies: fresh(1), connections: 10, durationSec: 1 });
      windows.get(server)!.push(((cpuTimeMs(server.pid) - before) / outcome.latencies.length).toFixed(2));
    }
  }
  console.log("server CPU ms per request, every document new, in one-second windows:");
  console.log(`  warmed with a repeated document: ${windows.get(afterRepeated)!.join(" ")}`);
  console.log(`  warmed with new documents:       ${windows.get(afterNew)!.join(" ")}`);
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  await runner.stop();
  await sims.close();
}
