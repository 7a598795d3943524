import fc from "fast-check";
import { anyString } from "./values.js";

/**
 * HTTP requests to /graphql that are not well-formed GraphQL requests: bodies that are not JSON, JSON of
 * the wrong shape, batches (batching is off), odd content types and methods, GETs with odd parameters.
 */
export interface RawRequest {
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  search: string;
  headers: Record<string, string>;
  body?: string;
}

const VALID_QUERY = "{ sources { source } }";

const jsonBody: fc.Arbitrary<string> = fc.oneof(
  fc.json({ maxDepth: 2 }),
  fc.record({ query: fc.oneof(fc.jsonValue({ maxDepth: 1 }), anyString) }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
  fc
    .record({
      query: fc.constant(VALID_QUERY),
      variables: fc.jsonValue({ maxDepth: 2 }),
      operationName: fc.oneof(fc.jsonValue({ maxDepth: 1 }), anyString),
      extensions: fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.record({ persistedQuery: fc.record({ version: fc.jsonValue({ maxDepth: 0 }), sha256Hash: fc.jsonValue({ maxDepth: 0 }) }) }),
      ),
    }, { requiredKeys: ["query"] })
    .map((b) => JSON.stringify(b)),
  fc.array(fc.constant({ query: VALID_QUERY }), { minLength: 1, maxLength: 3 }).map((b) => JSON.stringify(b)),
);

const textBody: fc.Arbitrary<string> = fc.oneof(
  anyString,
  fc.constantFrom("{", "[", "null", "true", "0", '{"query":', '"\\ud800"', "\u0000", "{}".repeat(2_000)),
);

const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=latin1",
  "application/graphql",
  "application/graphql-response+json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json;;;",
  "",
);

const accept = fc.constantFrom("application/json", "application/graphql-response+json", "text/html", "*/*", "", "application/xml");

export const rawRequest: fc.Arbitrary<RawRequest> = fc.oneof(
  fc.record({
    method: fc.constantFrom("POST" as const, "POST" as const, "PUT" as const, "PATCH" as const, "DELETE" as const),
    search: fc.constant(""),
    headers: fc
      .tuple(contentType, accept, fc.boolean())
      .map(([type, acc, preflight]) => ({
        ...(type ? { "content-type": type } : {}),
        ...(acc ? { accept: acc } : {}),
        ...(preflight ? { "apollo-require-preflight": "true" } : {}),
      })),
    body: fc.oneof(jsonBody, textBody),
  }),
  fc.record({
    method: fc.constant("GET" as const),
    search: fc
      .record(
        { query: fc.oneof(fc.constant(VALID_QUERY), fc.constant("mutation { discontinueCustomer(id: \"x\") { customer { id } } }"), anyString), variables: anyString, operationName: anyString, extensions: anyString },
        { requiredKeys: [] },
      )
      .map((params) => `?${new URLSearchParams(params as Record<string, string>).toString()}`),
    headers: fc.boolean().map((preflight): Record<string, string> => (preflight ? { "apollo-require-preflight": "true" } : {})),
  }),
);
