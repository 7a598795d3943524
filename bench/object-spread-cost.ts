import { parseArgs } from "node:util";

/**
 * `npx tsx bench/object-spread-cost.ts`: nanoseconds per copy of a related record (a location, as WMS's mapping
 * makes it) into a schema node, in the two forms an object spread can take. On Node 20's V8, keys written after a
 * spread (`{ ...record, key }`) send every copy down a slow path, over 20 times the cost of the same keys written
 * before it (`{ key, ...record }`); resolvers/node-lookup.ts builds every child and customer node the fast way.
 * `Object.assign` is the form where the added keys must win (src/context.ts).
 * This prints both, so a Node upgrade shows whether the difference still holds.
 */
const { values: args } = parseArgs({ options: { copies: { type: "string", default: "1000000" }, rounds: { type: "string", default: "3" } } });
const owner = { source: "WMS", customerId: "ACME" };
const location = (i: number) => ({
  sourceId: "address",
  kind: "SITE",
  name: null,
  isPrimary: true,
  address: { line1: `${i} Main St`, city: "Springfield", country: "US" },
  customFields: [],
  createdAt: null,
  updatedAt: null,
});
const records = Array.from({ length: 1000 }, (_, i) => location(i));
const forms: Array<[string, (r: object) => object]> = [
  ["{ ...record, __typename, owner }", (r) => ({ ...r, __typename: "Location", owner })],
  ["{ __typename, owner, ...record }", (r) => ({ __typename: "Location", owner, ...r })],
  ["Object.assign({}, record, { ... })", (r) => Object.assign({}, r, { __typename: "Location", owner })],
];
const copies = Number(args.copies);
for (let round = 1; round <= Number(args.rounds); round++) {
  for (const [label, copy] of forms) {
    let kept = 0;
    const started = process.hrtime.bigint();
    for (let i = 0; i < copies; i++) kept += copy(records[i % records.length]!) === null ? 0 : 1;
    const ns = Number(process.hrtime.bigint() - started) / kept;
    console.log(`round ${round}  ${label.padEnd(34)} ${ns.toFixed(0).padStart(6)} ns a copy`);
  }
}
