/**
 * The two operations of the fault and load runs and how each answer is judged. Pure: no I/O, so the same
 * judgement serves the bench script and the test suite.
 *
 * The read asks every vendor for a page through its own alias, with a detail field that costs a vendor call
 * per customer (RPM website, Komet contacts), so that a fault can cost a list, a detail field, or nothing.
 * The write is a WMS upsert of a shortID used once in the whole run, so that the vendor's final state tells
 * exactly which writes were applied.
 */

export const READ_PAGE = 5;

/** Each alias of the read and the vendor behind it (the `source` its errors must carry). */
export const READ_ALIASES = { rpm: "RPM", wms: "WMS", komet: "KOMET", connect: "CONNECT" } as const;
type Alias = keyof typeof READ_ALIASES;

export const READ_QUERY = `query FaultLoadRead {
  rpm: customers(first: ${READ_PAGE}, filter: { sources: [RPM] }) { nodes { id name website } }
  wms: customers(first: ${READ_PAGE}, filter: { sources: [WMS] }) { nodes { id name } }
  komet: customers(first: ${READ_PAGE}, filter: { sources: [KOMET] }) { nodes { id name contacts(first: 2) { nodes { name } } } }
  connect: customers(first: ${READ_PAGE}, filter: { sources: [CONNECT] }) { nodes { id name } }
}`;

const WRITE_QUERY = `mutation FaultLoadWrite($input: UpsertCustomerInput!) {
  upsertCustomer(input: $input) {
    customer { sourceId name locations { nodes { address { city postalCode } } } }
    userErrors { code }
  }
}`;

export interface WriteIntent {
  shortId: string;
  name: string;
  city: string;
  zip: string;
}

export function writeIntent(run: string, n: number): WriteIntent {
  return { shortId: `${run}-${n.toString(36)}`, name: `Fault load ${run} ${n}`, city: `City ${n % 97}`, zip: String(10_000 + (n % 90_000)) };
}

export const readBody = JSON.stringify({ query: READ_QUERY });
export const writeBody = (intent: WriteIntent) =>
  JSON.stringify({ query: WRITE_QUERY, variables: { input: { shortId: intent.shortId, name: intent.name, city: intent.city, zip: intent.zip } } });

interface GraphError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; source?: string };
}
interface GraphAnswer {
  data?: Record<string, unknown> | null;
  errors?: GraphError[];
}

/** What a client can be told when a vendor fails: the documented upstream codes. */
const UPSTREAM_CODES = new Set([
  "UPSTREAM_AUTH",
  "UPSTREAM_RATE_LIMITED",
  "UPSTREAM_UNAVAILABLE",
  "UPSTREAM_TIMEOUT",
  "UPSTREAM_BAD_RESPONSE",
  "UPSTREAM_REJECTED",
  "UPSTREAM_OUTCOME_UNKNOWN",
]);

export interface ReadVerdict {
  /** Data came back together with errors. */
  partial: boolean;
  /** What was wrong with the answer, if anything (an error of the wrong kind, or a vendor's data missing). */
  problems: string[];
  codes: string[];
}

function parse(body: string): GraphAnswer | null {
  try {
    return JSON.parse(body) as GraphAnswer;
  } catch {
    return null;
  }
}

/**
 * A read is correct when every error is an upstream error naming the vendor of the alias it sits under, and
 * every vendor without an error at its list came back with a full page: a failing vendor costs only its own
 * fields.
 */
export function judgeRead(status: number, body: string): ReadVerdict {
  const answer = parse(body);
  if (status !== 200 || !answer) return { partial: false, problems: [`HTTP ${status}${answer ? "" : " without a JSON body"}`], codes: [] };
  const errors = answer.errors ?? [];
  const problems: string[] = [];
  for (const e of errors) {
    const alias = e.path?.[0] as Alias | undefined;
    const code = e.extensions?.code ?? "(none)";
    if (!alias || !(alias in READ_ALIASES)) problems.push(`error outside the vendors' fields: ${code} at ${JSON.stringify(e.path)}`);
    else if (!UPSTREAM_CODES.has(code)) problems.push(`${code} at ${e.path!.join(".")} is not an upstream error`);
    else if (e.extensions?.source !== READ_ALIASES[alias]) problems.push(`${code} at ${e.path!.join(".")} names ${e.extensions?.source}`);
  }
  if (!answer.data) problems.push("no data at all");
  for (const alias of Object.keys(READ_ALIASES) as Alias[]) {
    const listFailed = errors.some((e) => e.path?.length === 1 && e.path[0] === alias);
    const nodes = (answer.data?.[alias] as { nodes?: unknown[] } | null | undefined)?.nodes;
    if (!listFailed && nodes?.length !== READ_PAGE) problems.push(`${alias}: ${nodes?.length ?? "no"} nodes and no error at its list`);
  }
  return { partial: Boolean(answer.data) && errors.length > 0, problems, codes: errors.map((e) => e.extensions?.code ?? "(none)") };
}

export type WriteOutcome =
  /** The client saw the write succeed: it must be at the vendor with its values. */
  | { kind: "acknowledged" }
  /** The client was told the outcome is unknown: it may or may not be at the vendor. */
  | { kind: "unknown"; codes: string[] }
  /** The client was told it failed: it must not be at the vendor. */
  | { kind: "failed"; codes: string[] }
  /** An answer that is not a proper GraphQL answer (a 5xx, or not JSON). */
  | { kind: "broken"; status: number };

export function judgeWrite(intent: WriteIntent, status: number, body: string): { outcome: WriteOutcome; problems: string[] } {
  const answer = parse(body);
  if (status >= 500 || !answer) return { outcome: { kind: "broken", status }, problems: [`HTTP ${status}`] };
  const payload = answer.data?.upsertCustomer as
    | { customer: { sourceId: string; name: string; locations: { nodes: Array<{ address: { city: string | null; postalCode: string | null } }> } } | null; userErrors: Array<{ code: string }> }
    | null
    | undefined;
  const codes = [...(answer.errors ?? []).map((e) => e.extensions?.code ?? "(none)"), ...(payload?.userErrors ?? []).map((e) => `user:${e.code}`)];
  const problems = codes.filter((c) => c === "INTERNAL_SERVER_ERROR" || c === "(none)").map((c) => `write answered ${c}`);
  if (payload?.customer && payload.userErrors.length === 0) {
    const c = payload.customer;
    const address = c.locations.nodes[0]?.address;
    const echoed = c.sourceId === intent.shortId && c.name === intent.name && address?.city === intent.city && address?.postalCode === intent.zip;
    if (!echoed) problems.push(`acknowledged ${intent.shortId} but answered ${JSON.stringify(c)}`);
    return { outcome: { kind: "acknowledged" }, problems };
  }
  if (codes.includes("UPSTREAM_OUTCOME_UNKNOWN")) return { outcome: { kind: "unknown", codes }, problems };
  return { outcome: { kind: "failed", codes }, problems };
}
