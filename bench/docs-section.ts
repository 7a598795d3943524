import { readFileSync, writeFileSync } from "node:fs";
import { basename, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { checksTable, resultsTable, targetsTable } from "./report-table.js";
import type { BenchResults } from "./results.js";

/**
 * Writes a bench run's tables into docs/performance.md, between the bench-results markers, so that the
 * figures there are always one run's, as printed, and never copied by hand:
 * `npx tsx bench/docs-section.ts bench/results/<date>.json`.
 */
const START = "<!-- bench-results:start -->";
const END = "<!-- bench-results:end -->";
const root = fileURLToPath(new URL("../", import.meta.url));
const docPath = `${root}docs/performance.md`;

const file = process.argv[2];
if (!file) {
  console.error("usage: docs-section.ts <bench/results/DATE.json>");
  process.exit(2);
}
const results = JSON.parse(readFileSync(file, "utf8")) as BenchResults;
const json = relative(root, file);
const svg = json.replace(/\.json$/, ".svg");
const passed = results.targets.filter((t) => t.pass === true).length;
const failed = results.targets.filter((t) => t.pass === false).length;
const idle = Object.entries(results.idleRssMb)
  .map(([variant, mb]) => `${variant} ${Math.round(mb as number)} MB`)
  .join(", ");

const section = `${START}
## Results (run of ${results.date.slice(0, 10)}, \`${json}\`, ${Math.round(results.elapsedSec / 60)} minutes)

![req/s per scenario and variant, 0 ms and 20 ms vendors](${svg})

Vendor calls of one request on an idle server, against the minimum (the graph, the cached graph on a cold cache
and both baselines make the same calls and give the same answers; the Mesh gateway's are its nearest
equivalent question):

${checksTable(results)}

<details><summary>Full table: req/s, p50/p99 latency, vendor calls per query under load, minimum calls and round
trips, the critical-path floor, peak RSS, errors (idle RSS: ${idle})</summary>

${resultsTable(results.rows)}

</details>

Targets, as the bench evaluates them (${passed} pass, ${failed} fail):

${targetsTable(results.targets)}
${END}`;

const doc = readFileSync(docPath, "utf8");
const from = doc.indexOf(START);
const to = doc.indexOf(END);
if (from < 0 || to < from) {
  console.error(`docs/performance.md has no ${START} ... ${END} block to replace`);
  process.exit(1);
}
writeFileSync(docPath, doc.slice(0, from) + section + doc.slice(to + END.length));
console.log(`docs/performance.md: results of ${basename(file)} written`);
