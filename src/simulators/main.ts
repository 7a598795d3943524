import { loadConfig } from "../config.js";
import { startSimulators } from "./server.js";

// `npm run simulators`: all four vendors standalone on one port, for curl and for the benchmarks.
const config = loadConfig();
const sims = await startSimulators({
  port: config.simulator.port,
  sizes: config.simulator.sizes,
  seed: config.simulator.seed,
});
console.log(`Vendor simulators on ${sims.url}`);
for (const [vendor, url] of Object.entries(sims.baseUrls)) console.log(`  ${vendor.padEnd(8)} ${url}`);
console.log(`  control  ${sims.url}/__sim/stats | /__sim/reset | /__sim/faults`);
const stop = () => void sims.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
