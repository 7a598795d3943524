import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startSimulators } from "../src/simulators/server.js";
import { startLoadRunner, startNodeFlags, startServerProcess } from "./processes.js";
import { BENCH_SIZES, freshBodies, gatherInputs, SCENARIOS } from "./scenarios.js";
import type { Variant } from "./variants.js";

/**
 * `npx tsx bench/cpu-profile.ts --only=nested-wms,flat-wms --seconds=8`: the compiled graph (as the bench runs it)
 * under `node --cpu-prof`, loaded with one scenario at a time (10 connections, 0 ms vendors), then the profile's
 * heaviest functions by self time and the share of each part of the code (ours, graphql, Apollo, Node).
 * One server per scenario, so each profile is that scenario's alone. `--fresh=N` sends N salted copies of the bodies;
 * `--variant=graphql-js` profiles that baseline instead of the graph. Profiles stay in --dir for DevTools.
 */
const { values: args } = parseArgs({
  options: {
    only: { type: "string", default: "nested-wms,flat-wms" },
    seconds: { type: "string", default: "8" },
    dir: { type: "string", default: "/tmp/customer-graph-profiles" },
    top: { type: "string", default: "25" },
    // Salted copies of the scenario's bodies, so a cache-hostile scenario (distinct-1000) stays new to every
    // document cache for the whole profile, as it is in the bench's short rounds.
    fresh: { type: "string", default: "1" },
    // Another server of the bench's (bench/variants.ts), e.g. graphql-js, profiled the same way for comparison.
    variant: { type: "string", default: "graph" },
  },
});

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const sims = await startSimulators({ sizes: BENCH_SIZES, port: 0 });
const runner = startLoadRunner();
try {
  for (const id of args.only!.split(",")) {
    const scenario = SCENARIOS.find((s) => s.id === id);
    if (!scenario) throw new Error(`no scenario ${id}`);
    const dir = `${args.dir}/${id}-${Date.now()}`;
    mkdirSync(dir, { recursive: true });
    const server = await startServerProcess(args.variant as Variant, sims.url, [...startNodeFlags(), "--cpu-prof", `--cpu-prof-dir=${dir}`]);
    const inputs = await gatherInputs(server.url);
    const bodies = freshBodies(scenario, inputs, "profile")(Number(args.fresh));
    await runner.run({ url: server.url, bodies, connections: 10, durationSec: 1 });
    const outcome = await runner.run({ url: server.url, bodies, connections: 10, durationSec: Number(args.seconds) });
    await server.stop();
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    const rate = outcome.latencies.length / (outcome.elapsedMs / 1000);
    console.log(`\n== ${id}: ${rate.toFixed(0)} req/s under the profiler (${outcome.latencies.length} requests), ${dir}/${file}`);
    if (file) summarize(JSON.parse(readFileSync(`${dir}/${file}`, "utf8")) as Profile, Number(args.top), outcome.latencies.length);
  }
} finally {
  await runner.stop();
  await sims.close();
}

function area(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith("node:")) return "node";
  const own = /\/(src|resolvers|schema)\/(.*)$/.exec(url);
  return own ? `${own[1]}/${own[2]!.split("/")[0]}` : url;
}

function summarize(profile: Profile, top: number, requests: number): void {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self].filter(([id]) => profile.nodes.find((n) => n.id === id)?.callFrame.functionName === "(idle)").reduce((a, [, t]) => a + t, 0);
  const busy = total - idle;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    if (!t || node.callFrame.functionName === "(idle)") continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = area(url, functionName);
    const key = `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + t);
    byArea.set(where, (byArea.get(where) ?? 0) + t);
  }
  const pct = (t: number) => `${((t / busy) * 100).toFixed(1).padStart(5)}%`;
  console.log(`busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms; ${(busy / 1000 / requests).toFixed(2)} ms CPU per request`);
  console.log("-- self time by area");
  for (const [k, t] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`);
  console.log("-- self time by function");
  for (const [k, t] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`);
}
