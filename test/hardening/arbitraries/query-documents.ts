import fc from "fast-check";
import type { IdCodec } from "../../../src/ids.js";
import { anyString, cursorValue, idValue, pageSize, type Samples } from "./values.js";

/**
 * Query documents generated from the schema's own fields (schema/schema.graphql): random selections over
 * Customer, its connections and the Node types, with random arguments passed inline or as variables,
 * sometimes with a wrongly declared variable type or a value of the wrong type. Most documents are valid,
 * so they reach the resolvers and the vendors; the rest test the parser, validation and coercion.
 */

/** An enum value: a bare name inline, a string in variables. */
class EnumValue {
  constructor(readonly name: string) {}
}

interface Argument {
  name: string;
  /** The argument's declared GraphQL type, used when it is passed as a variable. */
  type: string;
  value: unknown;
  /** inline literal, a variable of the declared type, or a variable declared with a wrong type. */
  mode: "inline" | "variable" | "misdeclared";
}

interface Field {
  name: string;
  alias?: string;
  args: Argument[];
  children: Selection[];
}

type Selection = Field | { on: string; children: Selection[] };

export interface GraphRequest {
  query: string;
  variables?: Record<string, unknown>;
}

const SOURCES = ["RPM", "WMS", "KOMET", "CONNECT"];
const mode: fc.Arbitrary<Argument["mode"]> = fc.oneof(
  { weight: 40, arbitrary: fc.constant("inline" as const) },
  { weight: 40, arbitrary: fc.constant("variable" as const) },
  { weight: 1, arbitrary: fc.constant("misdeclared" as const) },
);
const alias = fc.option(fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,6}$/), { freq: 6, nil: undefined });

/** A value of the wrong type for any argument. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constant(null),
  fc.double(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.integer(), { maxKeys: 2 }),
);

function arg(name: string, type: string, value: fc.Arbitrary<unknown>): fc.Arbitrary<Argument> {
  return fc.record({
    name: fc.constant(name),
    type: fc.constant(type),
    value: fc.oneof({ weight: 30, arbitrary: value }, { weight: 1, arbitrary: wrongValue }),
    mode,
  });
}

function leaf(name: string): Field {
  return { name, args: [], children: [] };
}

function field(name: string, args: fc.Arbitrary<Argument[]>, children: fc.Arbitrary<Selection[]>): fc.Arbitrary<Field> {
  return fc.record({ name: fc.constant(name), alias, args, children });
}

/** Some of the leaves, at least one. */
function leaves(names: string[]): fc.Arbitrary<Selection[]> {
  return fc.subarray(names, { minLength: 1 }).map((picked) => picked.map(leaf));
}

/** first/after/last/before, each present or not: so mixed directions, both and neither occur. */
function connectionArgs(samples: Samples): fc.Arbitrary<Argument[]> {
  const optional = (a: fc.Arbitrary<Argument>) => fc.option(a, { nil: undefined, freq: 2 });
  return fc
    .tuple(
      optional(arg("first", "Int", pageSize)),
      optional(arg("after", "String", cursorValue(samples))),
      optional(arg("last", "Int", pageSize)),
      optional(arg("before", "String", cursorValue(samples))),
    )
    .map((args) => args.filter((a): a is Argument => a !== undefined));
}

/** A selection over a Relay connection whose nodes are selected by `node`. */
function connection(node: fc.Arbitrary<Selection[]>): fc.Arbitrary<Selection[]> {
  const pageInfo = leaves(["hasNextPage", "hasPreviousPage", "startCursor", "endCursor"]);
  return fc
    .record({
      totalCount: fc.boolean(),
      pageInfo: fc.option(pageInfo, { nil: undefined }),
      nodes: fc.option(node, { nil: undefined }),
      edges: fc.option(fc.tuple(fc.boolean(), node), { nil: undefined }),
    })
    .map(({ totalCount, pageInfo: info, nodes, edges }) => {
      const out: Selection[] = [];
      if (totalCount) out.push(leaf("totalCount"));
      if (info) out.push({ name: "pageInfo", args: [], children: info });
      if (nodes) out.push({ name: "nodes", args: [], children: nodes });
      if (edges) {
        const [cursor, children] = edges;
        out.push({ name: "edges", args: [], children: [...(cursor ? [leaf("cursor")] : []), { name: "node", args: [], children }] });
      }
      return out.length > 0 ? out : [leaf("totalCount")];
    });
}

const contactFields = fc
  .tuple(
    leaves(["id", "name", "firstName", "lastName", "salutation", "title", "email", "role", "isPrimary", "__typename"]),
    fc.option(leaves(["number", "type"]), { nil: undefined }),
  )
  .map(([own, phones]) => (phones ? [...own, { name: "phoneNumbers", args: [], children: phones }] : own));

const locationFields = fc
  .tuple(
    leaves(["id", "kind", "name", "isPrimary", "createdAt", "updatedAt"]),
    fc.option(leaves(["line1", "line2", "city", "stateProvince", "postalCode", "country", "region", "attention"]), { nil: undefined }),
    fc.boolean(),
  )
  .map(([own, address, custom]) => [
    ...own,
    ...(address ? [{ name: "address", args: [], children: address }] : []),
    ...(custom ? [{ name: "customFields", args: [], children: [leaf("name"), leaf("value")] }] : []),
  ]);

const accountFields = fc
  .tuple(leaves(["id", "name", "billingMethod", "currency", "billingEmail", "autoPay"]), fc.boolean())
  .map(([own, supplier]) => (supplier ? [...own, { name: "supplier", args: [], children: [leaf("id"), leaf("name")] }] : own));

const CUSTOMER_LEAVES = [
  "id", "source", "sourceId", "code", "name", "active", "customerType", "email", "phone", "fax", "accountingCode",
  "referenceId", "preferredLocale", "createdAt", "updatedAt", "website", "__typename",
];

function customerFields(samples: Samples): fc.Arbitrary<Selection[]> {
  const nested = (name: string, node: fc.Arbitrary<Selection[]>) =>
    fc.option(field(name, connectionArgs(samples), connection(node)), { nil: undefined, freq: 3 });
  return fc
    .tuple(
      leaves(CUSTOMER_LEAVES),
      fc.boolean(),
      fc.boolean(),
      nested("contacts", contactFields),
      nested("locations", locationFields),
      nested("accounts", accountFields),
    )
    .map(([own, salesPerson, customFields, ...connections]) => [
      ...own,
      ...(salesPerson ? [{ name: "salesPerson", args: [], children: [leaf("id"), leaf("name")] }] : []),
      ...(customFields ? [{ name: "customFields", args: [], children: [leaf("name"), leaf("value")] }] : []),
      ...connections.filter((c): c is Field => c !== undefined),
    ]);
}

/**
 * `... on Customer { }` or another Node type, for node/nodes: one type per selection, since the types share
 * field names with different types (Customer.name is String!, Location.name is String), which GraphQL refuses
 * in one selection without aliases.
 */
function nodeFields(samples: Samples): fc.Arbitrary<Selection[]> {
  const fragment = fc.oneof(
    customerFields(samples).map((children) => ({ on: "Customer", children })),
    contactFields.map((children) => ({ on: "Contact", children })),
    locationFields.map((children) => ({ on: "Location", children })),
    accountFields.map((children) => ({ on: "Account", children })),
  );
  return fc.option(fragment, { nil: undefined, freq: 6 }).map((f) => [leaf("__typename"), leaf("id"), ...(f ? [f] : [])]);
}

function customerFilter(): fc.Arbitrary<unknown> {
  return fc.record(
    {
      sources: fc.subarray(SOURCES).map((names) => names.map((n) => new EnumValue(n))),
      search: anyString,
      code: anyString,
      active: fc.boolean(),
      updatedSince: fc.oneof(
        { weight: 4, arbitrary: fc.date({ min: new Date("1970-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString()) },
        { weight: 1, arbitrary: anyString },
      ),
      salesPersonId: anyString,
    },
    { requiredKeys: [] },
  );
}

function rootFields(samples: Samples, ids: IdCodec): fc.Arbitrary<Field> {
  const id = idValue(samples, ids);
  const sourceId = fc.oneof(fc.constantFrom(...samples.sourceIds), anyString);
  const source = fc.constantFrom(...SOURCES).map((s) => new EnumValue(s));
  return fc.oneof(
    field("customer", fc.tuple(arg("id", "ID!", id)), customerFields(samples)),
    field("customerBySourceId", fc.tuple(arg("source", "Source!", source), arg("sourceId", "ID!", sourceId)), customerFields(samples)),
    field(
      "customers",
      fc.tuple(connectionArgs(samples), fc.option(arg("filter", "CustomerFilter", customerFilter()), { nil: undefined })).map(
        ([args, filter]) => (filter ? [...args, filter] : args),
      ),
      connection(customerFields(samples)),
    ),
    field("node", fc.tuple(arg("id", "ID!", id)), nodeFields(samples)),
    field("nodes", fc.tuple(arg("ids", "[ID!]!", fc.array(id, { maxLength: 8 }))), nodeFields(samples)),
    field("sources", fc.constant([]), leaves(["source", "pagination", "writable", "healthy", "capabilities"])),
  );
}

/** A query of one or two root fields over the schema. */
export function queryDocument(samples: Samples, ids: IdCodec): fc.Arbitrary<GraphRequest> {
  return fc.array(rootFields(samples, ids), { minLength: 1, maxLength: 2 }).map((fields) => render("query", fields));
}

/** A rendered document with one to three characters deleted or inserted: mostly syntax errors. */
export function corruptedDocument(samples: Samples, ids: IdCodec): fc.Arbitrary<GraphRequest> {
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom("", "{", "}", "(", ")", ":", "$", "!", "@", '"', "\\", "...", "#", "[", "1"));
  return fc.tuple(queryDocument(samples, ids), fc.array(edit, { minLength: 1, maxLength: 3 })).map(([request, edits]) => {
    let query = request.query;
    for (const [at, remove, insert] of edits) {
      const i = at % (query.length + 1);
      query = query.slice(0, i) + insert + query.slice(i + remove);
    }
    return { ...request, query };
  });
}

/** Renders a document: arguments inline or as variables ($v0, $v1, ...), declared with their type or not. */
function render(operation: "query" | "mutation", fields: Field[]): GraphRequest {
  const declarations: string[] = [];
  const variables: Record<string, unknown> = {};
  const argument = (a: Argument): string => {
    if (a.mode === "inline") return `${a.name}: ${literal(a.value)}`;
    const name = `v${declarations.length}`;
    const type = a.mode === "variable" ? a.type : a.type.startsWith("Int") ? "String" : "Int";
    declarations.push(`$${name}: ${type}`);
    variables[name] = toJson(a.value);
    return `${a.name}: $${name}`;
  };
  const selection = (s: Selection): string => {
    if ("on" in s) return `... on ${s.on} { ${s.children.map(selection).join(" ")} }`;
    const args = s.args.length > 0 ? `(${s.args.map(argument).join(", ")})` : "";
    const children = s.children.length > 0 ? ` { ${s.children.map(selection).join(" ")} }` : "";
    return `${s.alias ? `${s.alias}: ` : ""}${s.name}${args}${children}`;
  };
  const body = fields.map(selection).join(" ");
  const header = declarations.length > 0 ? `${operation} Fuzz(${declarations.join(", ")})` : operation;
  return { query: `${header} { ${body} }`, ...(declarations.length > 0 ? { variables } : {}) };
}

/** A GraphQL literal for a JS value (strings through JSON, which uses only escapes GraphQL shares). */
function literal(value: unknown): string {
  if (value instanceof EnumValue) return value.name;
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "0";
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${literal(v)}`);
  return `{ ${entries.join(", ")} }`;
}

function toJson(value: unknown): unknown {
  if (value instanceof EnumValue) return value.name;
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}
