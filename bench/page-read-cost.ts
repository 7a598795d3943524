import { parseArgs } from "node:util";
import { SIMULATOR_CREDENTIALS } from "../src/config.js";
import { startSimulators } from "../src/simulators/server.js";
import { BENCH_SIZES } from "./scenarios.js";

/**
 * `npx tsx bench/page-read-cost.ts --roots=this,/tmp/base`: CPU microseconds (process.cpuUsage, GC included) this
 * process spends reading one vendor page of 100 customers as the client and the source do: JSON.parse, the fast
 * reader where the build has one (else the zod schema), and the mapping into the unified model. Each root is a
 * project already built (`npm run build`), its compiled code loaded side by side in this one process; rounds
 * alternate the roots. The figure the server's CPU per request (bench/cpu-per-request.ts) holds, without the rest
 * of a request, whose noise on a shared machine hides a change of a few hundred microseconds.
 */
const { values: args } = parseArgs({
  options: {
    roots: { type: "string", default: "this" },
    rounds: { type: "string", default: "8" },
    pages: { type: "string", default: "1000" },
  },
});
const HERE = new URL("..", import.meta.url).pathname;

type Reader = (text: string) => unknown[];
interface Page { items?: unknown[]; value?: unknown[] }
interface Schema { parse(body: unknown): Page }

async function readersOf(root: string): Promise<Record<string, Reader>> {
  const sources = `${root === "this" ? HERE : `${root}/`}dist/src/sources`;
  const load = (path: string) => import(`${sources}/${path}`) as Promise<Record<string, unknown>>;
  const optional = (path: string) => load(path).catch(() => ({}) as Record<string, unknown>);
  const [connectWire, connectMap, connectFast, wmsWire, wmsMap, wmsFast] = await Promise.all([
    load("connect/wire.js"), load("connect/map.js"), optional("connect/fast-customer-page.js"),
    load("wms/wire.js"), load("wms/map.js"), optional("wms/fast-customer-list.js"),
  ]);
  // As the clients read: the fast reader's answer, or the schema's when it has none (or the build no reader).
  const read = (fast: unknown, schema: unknown) => (body: unknown): Page =>
    ((fast as ((b: unknown) => Page | null) | undefined)?.(body) ?? (schema as Schema).parse(body));
  const connect = read(connectFast.readCustomerPageFast, connectWire.ConnectCustomerPageSchema);
  const wms = read(wmsFast.readCustomerPageFast, wmsWire.WmsCustomerPageSchema);
  const toConnect = connectMap.toCustomerRecord as (c: unknown) => unknown;
  const toWms = wmsMap.customerFromWms as (c: unknown) => unknown;
  return {
    connect: (text) => connect(JSON.parse(text)).items!.map(toConnect),
    wms: (text) => wms(JSON.parse(text)).value!.map(toWms),
  };
}

async function pagesOfTheSimulators(): Promise<Record<string, string>> {
  // Only the first page's worth: the bench's 100,000 WMS customers in this heap would make every GC dearer.
  const sims = await startSimulators({ sizes: { ...BENCH_SIZES, wms: 100, connect: 100 } });
  try {
    const { clientId, clientSecret } = SIMULATOR_CREDENTIALS.wms;
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
    const token = ((await (await fetch(`${sims.baseUrls.wms}/Token`, { method: "POST", body: form })).json()) as { access_token: string }).access_token;
    const wms = await fetch(`${sims.baseUrls.wms}/Customer/All?page=1&pageSize=100`, { headers: { authorization: `Bearer ${token}` } });
    const connect = await fetch(`${sims.baseUrls.connect}/customers?limit=100`, { headers: { "X-API-Key": SIMULATOR_CREDENTIALS.connect.apiKey } });
    return { connect: await connect.text(), wms: await wms.text() };
  } finally {
    await sims.close();
  }
}

const pages = await pagesOfTheSimulators();
const roots = args.roots!.split(",");
const readers = await Promise.all(roots.map(readersOf));
const PAGES = Number(args.pages);
const cpu: Record<string, number[]> = {};
for (const vendor of Object.keys(pages)) {
  for (let r = 0; r < roots.length; r++) for (let i = 0; i < 300; i++) readers[r]![vendor]!(pages[vendor]!);
  for (let round = 0; round < Number(args.rounds); round++) {
    const order = roots.map((_, r) => r);
    for (const r of round % 2 === 0 ? order : order.reverse()) {
      const start = process.cpuUsage();
      for (let i = 0; i < PAGES; i++) readers[r]![vendor]!(pages[vendor]!);
      const used = process.cpuUsage(start);
      (cpu[`${vendor} ${roots[r]}`] ??= []).push((used.user + used.system) / PAGES);
    }
  }
  const start = process.cpuUsage();
  for (let i = 0; i < PAGES; i++) JSON.parse(pages[vendor]!);
  const used = process.cpuUsage(start);
  cpu[`${vendor} (JSON.parse alone)`] = [(used.user + used.system) / PAGES];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log("vendor / root: median CPU µs per page of 100 (lowest to highest round)");
for (const [key, xs] of Object.entries(cpu)) {
  console.log(`${key.padEnd(40)} ${median(xs).toFixed(0).padStart(6)} µs (${Math.min(...xs).toFixed(0)} to ${Math.max(...xs).toFixed(0)})`);
}
