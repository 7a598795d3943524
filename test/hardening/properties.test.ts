import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IdCodec } from "../../src/ids.js";
import { startTestGraph, TEST_ID_SECRET, type TestGraph } from "../support/graph.js";
import { invalidDiscontinueId, invalidEdit, invalidUpsert, validUpsert, type UpsertInput } from "./arbitraries/customer-inputs.js";
import { corruptedDocument, queryDocument, type GraphRequest } from "./arbitraries/query-documents.js";
import { rawRequest, type RawRequest } from "./arbitraries/raw-requests.js";
import { anyString, idValue, tampered, type Samples } from "./arbitraries/values.js";
import { collectSamples } from "./support/samples.js";

/**
 * Property tests over HTTP against one real server and the simulators. Every property prints its seed;
 * replay a failure with `PROPERTY_SEED=<seed> npx vitest run test/hardening/properties.test.ts` (fast-check
 * also prints the seed and the shrunk counterexample when a property fails). PROPERTY_RUNS scales the run
 * counts (default 1000; the upsert round trip runs a tenth of it, since each run costs vendor calls).
 */
const SEED = Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 1_000);
/** A bound on each property's wall time whatever the machine's load; a run cut short passes as far as it got. */
const TIME_LIMIT_MS = 120_000;

const ids = new IdCodec(TEST_ID_SECRET);

interface Answer {
  status: number;
  text: string;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } | null;
}

describe("properties of the graph under arbitrary input", () => {
  let t: TestGraph;
  let samples: Samples;
  let forbiddenInAnswers: string[];

  beforeAll(async () => {
    t = await startTestGraph({ sizes: { rpm: 10, wms: 10, komet: 10, connect: 10 } });
    samples = await collectSamples(t);
    // What must never reach a client: where the vendors live, their credentials, and stack frames.
    forbiddenInAnswers = [t.sims.url.replace("http://", ""), "sim-rpm-key", "sim-wms-secret", "sim-komet-token", "sim-connect-key", "    at "];
  });
  afterAll(() => t.close());

  async function send(request: RawRequest): Promise<Answer> {
    const res = await fetch(`${t.graph.url}/graphql${request.search}`, {
      method: request.method,
      headers: request.headers,
      body: request.method === "GET" ? undefined : request.body,
    });
    const text = await res.text();
    let body: Answer["body"] = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    return { status: res.status, text, body };
  }

  const post = (request: GraphRequest) =>
    send({ method: "POST", search: "", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });

  /** What every answer must satisfy, whatever was asked. */
  function expectNoServerFault(answer: Answer, asked: unknown) {
    const context = JSON.stringify(asked).slice(0, 2_000);
    expect(answer.status, context).toBeLessThan(500);
    const codes = (answer.body?.errors ?? []).map((e) => e.extensions?.code);
    expect(codes, context).not.toContain("INTERNAL_SERVER_ERROR");
    for (const secret of forbiddenInAnswers) expect(answer.text, context).not.toContain(secret);
  }

  /** Runs a property with the shared seed, printing it first so a failure can be replayed. */
  async function check<T>(name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, numRuns = RUNS) {
    console.log(`property "${name}": seed ${SEED}, ${numRuns} runs (replay: PROPERTY_SEED=${SEED})`);
    await fc.assert(
      fc.asyncProperty(arbitrary, async (value) => {
        await predicate(value);
      }),
      { numRuns, seed: SEED, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
    );
  }

  describe("never a 500 or INTERNAL_SERVER_ERROR", () => {
    it("for query documents generated from the schema, with arbitrary ids, cursors, page sizes and filters", async () => {
      const statuses: Record<number, number> = {};
      const documents = fc.oneof({ weight: 5, arbitrary: queryDocument(samples, ids) }, { weight: 1, arbitrary: corruptedDocument(samples, ids) });
      await check("query documents", documents, async (request) => {
        const answer = await post(request);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        expectNoServerFault(answer, request);
      });
      console.log("query documents: answers by HTTP status", statuses);
      // Both kinds occur: documents that run (200) and documents refused whole (400).
      expect(statuses[200]).toBeGreaterThan(RUNS / 10);
      expect(statuses[400]).toBeGreaterThan(RUNS / 20);
    }, 180_000);

    it("for malformed HTTP requests: bodies, content types, methods and GET parameters", async () => {
      await check("raw requests", rawRequest, async (request) => {
        expectNoServerFault(await send(request), request);
      });
    }, 180_000);

    it("for arbitrary mutation inputs: upserts, edits and discontinues, valid or not", async () => {
      const anyObject = fc.dictionary(fc.constantFrom("shortId", "name", "email", "source", "id", "bogus"), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 });
      const mutation = fc.oneof(
        fc.oneof(validUpsert, invalidUpsert, anyObject).map((input) => upsertRequest(input)),
        fc
          .tuple(idValue(samples, ids), fc.record({ name: anyString, website: anyString, address: anyString, email: anyString, phone: anyString }, { requiredKeys: [] }))
          .map(([id, fields]) => editRequest({ id, ...fields })),
        fc.oneof(idValue(samples, ids), fc.jsonValue({ maxDepth: 1 })).map((id) => discontinueRequest(id)),
      );
      await check("mutation inputs", mutation, async (request) => {
        expectNoServerFault(await post(request), request);
      });
    }, 180_000);
  });

  describe("invalid input never reaches a vendor", () => {
    /** The request is refused (a 400, or userErrors and no customer) and no vendor saw a call. */
    async function expectRefusedWithoutVendorCall(request: GraphRequest) {
      t.resetStats();
      const answer = await post(request);
      expectNoServerFault(answer, request);
      const context = JSON.stringify(request).slice(0, 2_000);
      expect(t.stats(), context).toEqual({});
      if (answer.status === 200) {
        const payload = Object.values((answer.body?.data ?? {}) as Record<string, { customer: unknown; userErrors: unknown[] } | null>)[0];
        // Either a refusal in the payload, or a top-level error for the argument (a null field).
        if (payload) {
          expect(payload.customer, context).toBeNull();
          expect(payload.userErrors.length, context).toBeGreaterThan(0);
        } else {
          expect(answer.body?.errors?.length, context).toBeGreaterThan(0);
        }
      } else {
        expect(answer.status, context).toBe(400);
      }
    }

    it("upserts that break a rule, or name a vendor without upserts", async () => {
      await check("invalid upserts", invalidUpsert, (input) => expectRefusedWithoutVendorCall(upsertRequest(input)));
    }, 180_000);

    it("edits that break a rule, name no customer, change nothing, or change what the vendor cannot", async () => {
      await check("invalid edits", invalidEdit(samples, ids), (input) => expectRefusedWithoutVendorCall(editRequest(input)));
    }, 180_000);

    it("discontinues of ids that name no customer or a vendor without discontinue", async () => {
      await check("invalid discontinues", invalidDiscontinueId(samples), (id) => expectRefusedWithoutVendorCall(discontinueRequest(id)));
    }, 180_000);

    it("query arguments outside their rules: page sizes, foreign or edited cursors, long filters, ids not issued here", async () => {
      const badPage = fc.oneof(fc.integer({ min: 501, max: 2 ** 31 - 1 }), fc.integer({ min: -(2 ** 31), max: -1 }));
      const foreignCursor = fc.oneof(tampered(samples.cursors), anyString.filter((s) => !samples.cursors.includes(s)));
      const longText = (max: number) => fc.string({ minLength: max + 1, maxLength: max + 30 });
      const request = fc.oneof(
        fc.tuple(badPage, fc.constantFrom("first", "last")).map(([n, arg]) => customersRequest({ [arg]: n })),
        fc.tuple(foreignCursor, fc.constantFrom("after", "before")).map(([c, arg]) => customersRequest({ [arg === "after" ? "first" : "last"]: 3, [arg]: c })),
        fc.tuple(fc.constantFrom(...samples.cursors), fc.constantFrom(...samples.cursors)).map(([a, b]) => customersRequest({ first: 2, after: a, before: b, last: 1 })),
        fc.record({ search: longText(200), code: longText(50), salesPersonId: longText(50) }, { requiredKeys: [] })
          .filter((f) => Object.keys(f).length > 0)
          .map((filter) => customersRequest({ first: 2, filter })),
        anyString.map((id) => ({ query: "query($id: ID!) { customer(id: $id) { name } }", variables: { id } })),
        fc.constantFrom("", "x".repeat(201)).map((sourceId) => ({ query: "query($s: ID!) { customerBySourceId(source: WMS, sourceId: $s) { name } }", variables: { s: sourceId } })),
      );
      await check("invalid query arguments", request, expectRefusedWithoutVendorCall);
    }, 180_000);
  });

  it("a valid WMS upsert, then a read in a new request, returns exactly what was written", async () => {
    await check(
      "upsert round trip",
      validUpsert,
      async (input) => {
        const context = JSON.stringify(input);
        const written = await post(upsertRequest(input));
        expectNoServerFault(written, input);
        const payload = (written.body?.data as { upsertCustomer: UpsertPayload } | undefined)?.upsertCustomer;
        expect(payload?.userErrors, context).toEqual([]);
        expect(payload?.customer, context).not.toBeNull();
        expectWritten(payload!.customer!, input);
        const read = await post({ query: `query($id: ID!) { customer(id: $id) { ${CUSTOMER_FIELDS} } }`, variables: { id: payload!.customer!.id } });
        expect(read.body?.errors, context).toBeUndefined();
        expectWritten((read.body?.data as { customer: ReadCustomer }).customer, input);
      },
      Math.max(1, Math.round(RUNS / 10)),
    );
  }, 180_000);
});

const CUSTOMER_FIELDS = `id source sourceId name email phone fax
  contacts { nodes { name } }
  locations { nodes { address { line1 line2 city stateProvince postalCode country } } }`;

interface ReadCustomer {
  id: string;
  source: string;
  sourceId: string;
  name: string;
  email: string | null;
  phone: string | null;
  fax: string | null;
  contacts: { nodes: Array<{ name: string }> } | null;
  locations: { nodes: Array<{ address: Record<string, string | null> }> } | null;
}
interface UpsertPayload {
  created: boolean | null;
  customer: ReadCustomer | null;
  userErrors: unknown[];
}

/**
 * Each field written reads back the same. The one normalisation: an empty string is "no value", which the
 * unified model says as null (WMS writes "" for an empty field).
 */
function expectWritten(customer: ReadCustomer, input: UpsertInput) {
  const context = JSON.stringify(input);
  const address = customer.locations?.nodes[0]?.address ?? {};
  const read: Record<keyof UpsertInput, unknown> = {
    source: customer.source,
    shortId: customer.sourceId,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    fax: customer.fax,
    contact: customer.contacts?.nodes[0]?.name ?? null,
    address1: address.line1 ?? null,
    address2: address.line2 ?? null,
    city: address.city ?? null,
    state: address.stateProvince ?? null,
    zip: address.postalCode ?? null,
    country: address.country ?? null,
  };
  expect(customer.source, context).toBe("WMS");
  for (const [key, value] of Object.entries(input) as Array<[keyof UpsertInput, string]>) {
    // A name is required by the model, so an empty one reads as "" rather than null.
    const expected = value === "" && key !== "name" ? null : value;
    expect({ [key]: read[key] }, context).toEqual({ [key]: expected });
  }
}

function upsertRequest(input: unknown): GraphRequest {
  return {
    query: `mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { created customer { ${CUSTOMER_FIELDS} } userErrors { field message code } } }`,
    variables: { input },
  };
}

function editRequest(input: unknown): GraphRequest {
  return {
    query: "mutation($input: EditCustomerInput!) { editCustomer(input: $input) { customer { id name } userErrors { field message code } } }",
    variables: { input },
  };
}

function discontinueRequest(id: unknown): GraphRequest {
  return {
    query: "mutation($id: ID!) { discontinueCustomer(id: $id) { customer { id active } userErrors { field message code } } }",
    variables: { id },
  };
}

function customersRequest(args: Record<string, unknown>): GraphRequest {
  return {
    query: `query($first: Int, $last: Int, $after: String, $before: String, $filter: CustomerFilter) {
      customers(first: $first, last: $last, after: $after, before: $before, filter: $filter) { totalCount nodes { id name } } }`,
    variables: args,
  };
}
