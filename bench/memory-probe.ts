import { readFileSync } from "node:fs";
import { startSimulators } from "../src/simulators/server.js";
import { startNodeFlags, startServerProcess, type ServerProcess } from "./processes.js";
import { PeakRss } from "./rss.js";
import { BENCH_SIZES } from "./scenarios.js";
import { setVendorLatency } from "./vendor-calls.js";
import type { Variant } from "./variants.js";

/**
 * The memory target of issue 6 on its own, in seconds rather than the full bench's minutes: idle and peak RSS of
 * one server process (started exactly as the bench starts it, bench/processes.ts) while N clients each send the
 * memory-50 query at once, with the simulators (in this process) answering after 20 ms.
 *
 *   npx tsx bench/memory-probe.ts                      # graph as `npm start` runs it, 50 clients, 3 rounds
 *   npx tsx bench/memory-probe.ts --clients=100 --variant=graphql-js --rounds=2
 *   npx tsx bench/memory-probe.ts --node-flags="--max-semi-space-size=8 --heap-growing-percent=60"   # V8 heap tuning
 *   VENDOR_BULKHEAD_QUEUE=4000 npx tsx bench/memory-probe.ts --clients=100   # VENDOR_* and MAX_* reach the server
 *
 * Round 1 is what the bench's isolated memory-50 scenario measures (a fresh server); later rounds show whether
 * the peak is a first-load effect or what every burst costs. Peak is VmHWM from /proc (bench/rss.ts).
 */

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [, key = "", value = "true"] = /^--([^=]+)(?:=(.*))?$/s.exec(arg) ?? [];
    return [key, value];
  }),
);
const clients = Number(args.clients ?? 50);
const rounds = Number(args.rounds ?? 3);
const latencyMs = Number(args.latency ?? 20);
const variant = (args.variant ?? "graph") as Variant;
const first = Number(args.first ?? 100);
/** Replaces `npm start`'s Node flags for the graph: `--node-flags=` runs it without any, to compare. */
const nodeFlags = args["node-flags"] === undefined ? undefined : args["node-flags"].split(/\s+/).filter(Boolean);

/** CPU seconds (user + system, every thread: GC included) the process has used, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const QUERY = `{ customers(first: ${first}, filter: { sources: [RPM] }) { nodes { name contacts { nodes { name email } } } } }`;

interface Burst {
  peakMb: number;
  ms: number;
  cpuSec: number;
  errors: number;
  codes: Set<string>;
  bytes: number;
}

async function burst(server: ServerProcess): Promise<Burst> {
  const peak = new PeakRss(server.pid);
  const cpuBefore = cpuSeconds(server.pid);
  peak.start();
  const started = performance.now();
  let errors = 0;
  let bytes = 0;
  const codes = new Set<string>();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      try {
        const res = await fetch(`${server.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: QUERY }),
        });
        const text = await res.text();
        bytes += text.length;
        if (!res.ok || text.includes('"errors"')) {
          errors++;
          for (const [, code] of text.matchAll(/"code":"(\w+)"/g)) codes.add(code!);
        }
      } catch (err) {
        errors++;
        codes.add(String(err));
      }
    }),
  );
  const ms = performance.now() - started;
  return { peakMb: peak.stop(), ms, cpuSec: cpuSeconds(server.pid) - cpuBefore, errors, codes, bytes };
}

const sims = await startSimulators({ sizes: { rpm: BENCH_SIZES.rpm }, port: 0 });
const server = await startServerProcess(variant, sims.url, nodeFlags);
try {
  // Settle as the bench does before reading idle (it reads right after ready; a second lets start-up garbage go).
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const idle = new PeakRss(server.pid).current();
  await setVendorLatency(sims.url, latencyMs);
  console.log(
    `${variant}: ${clients} clients x customers(first: ${first}) RPM with contacts, vendor latency ${latencyMs} ms, ` +
      `node flags ${JSON.stringify((nodeFlags ?? startNodeFlags()).join(" "))}`,
  );
  console.log(`idle RSS ${idle.toFixed(0)} MB`);
  for (let round = 1; round <= rounds; round++) {
    const r = await burst(server);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = new PeakRss(server.pid).current();
    console.log(
      `round ${round}: peak RSS ${r.peakMb.toFixed(0)} MB, after ${after.toFixed(0)} MB, ${(r.ms / 1000).toFixed(1)} s, ` +
        `server CPU ${r.cpuSec.toFixed(2)} s, ` +
        `${r.errors} errors${r.codes.size > 0 ? ` (${[...r.codes].join(", ")})` : ""}, ${(r.bytes / clients / 1024).toFixed(0)} kB per answer`,
    );
  }
} finally {
  await server.stop();
  await sims.close();
}
