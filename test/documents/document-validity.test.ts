import { BREAK, buildSchema, parse, SingleFieldSubscriptionsRule, specifiedRules, validate, visit, visitInParallel, type ASTVisitor, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { buildGraphSchema } from "../../resolvers/build-schema.js";
import { passesRules } from "../../src/documents/document-validity.js";
import { lazyParallelVisitor } from "../../src/documents/lazy-parallel-visitor.js";
import { loadExampleOperations } from "../../src/example-operations.js";

/** At least one document each of graphql's specified rules refuses (the first test holds the list to that). */
const INVALID = [
  "type Foo { a: Int } { __typename }",
  "query A { __typename } query A { __typename }",
  "{ __typename } query B { __typename }",
  "subscription S { a b }",
  "subscription T { a }",
  "query ($x: Foo) { customers(first: 1) { totalCount } }",
  "fragment F on String { length } { ...F }",
  "query ($x: Customer) { customers(first: 1) { totalCount } }",
  "{ customers(first: 1) }",
  "{ customers(first: 1) { totalCount nope } }",
  "fragment F on Query { __typename } fragment F on Query { __typename } { ...F }",
  "{ ...Missing }",
  "fragment F on Query { __typename } { __typename }",
  "{ customers(first: 1) { ... on Contact { name } } }",
  "fragment A on Query { ...B } fragment B on Query { ...A } { ...A }",
  "query ($a: Int, $a: Int) { customers(first: $a) { totalCount } }",
  "{ customers(first: $n) { totalCount } }",
  "query ($n: Int) { __typename }",
  "{ __typename @nope }",
  "{ __typename @skip(if: true) @skip(if: true) }",
  "{ customers(nope: 1) { totalCount } }",
  "{ customers(first: 1, first: 2) { totalCount } }",
  '{ customers(first: "ten") { totalCount } }',
  "{ node { id } }",
  "query ($id: ID) { node(id: $id) { id } }",
  "{ customers(first: 1) { totalCount } customers(first: 2) { totalCount } }",
  '{ customers(first: 1, filter: { search: "a", search: "b" }) { totalCount } }',
  "{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }",
  // More than one mistake, and mistakes in nested fragments and variables.
  "query Q($s: Source!) { customerBySourceId(source: $s, sourceId: 1) { nam ...G } } fragment G on Customer { contacts(first: \"x\") { nodes { id } } }",
];

/** A schema with subscriptions, for the one rule about them. */
const WITH_SUBSCRIPTIONS = buildSchema("type Query { customers(first: Int): Int } type Subscription { a: Int b: Int }");

const VALID = [
  "{ customers(first: 2, filter: { sources: [CONNECT] }) { nodes { id name email } } }",
  "query Q($n: Int, $after: String) { customers(first: $n, after: $after) { pageInfo { endCursor } edges { cursor node { name } } } }",
  "query ($id: ID!) { node(id: $id) { __typename ... on Customer { name contacts(first: 1) { nodes { id } } } } }",
  "fragment N on Customer { name } { customers(first: 1) { nodes { ...N ... on Customer { id } } } }",
  "{ a: customers(first: 1) { totalCount } b: customers(first: 2) { totalCount } __typename @include(if: false) }",
  "{ __schema { queryType { name } } __type(name: \"Customer\") { name } }",
];

describe("passesRules", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  it("has a document for each of graphql's specified rules that the rule refuses", () => {
    for (const rule of specifiedRules) {
      // The graph has no subscriptions, so that rule never fires on it: see the next schema below.
      const on = rule === SingleFieldSubscriptionsRule ? WITH_SUBSCRIPTIONS : schema;
      const refusing = INVALID.filter((text) => validate(on, parse(text), [rule]).length > 0);
      expect(refusing, rule.name).not.toEqual([]);
    }
  });

  it("agrees with graphql's validate() on every document: the examples, valid ones, and one refused by each rule", () => {
    const documents = [...loadExampleOperations().map((op) => op.query), ...VALID, ...INVALID];
    for (const text of documents) {
      const document = parse(text);
      for (const on of [schema, WITH_SUBSCRIPTIONS]) {
        expect(passesRules(on, document, specifiedRules), text).toBe(validate(on, document).length === 0);
      }
    }
    expect(VALID.every((text) => passesRules(schema, parse(text), specifiedRules))).toBe(true);
  });
});

describe("lazyParallelVisitor", () => {
  /** Three visitors that log what they see; the second skips the `customers` field, the third stops at `email`. */
  function recorders(log: string[]): ASTVisitor[] {
    return [
      { Field: { enter: (n) => void log.push(`1 enter ${n.name.value}`), leave: (n) => void log.push(`1 leave ${n.name.value}`) } },
      {
        enter: (n) => void log.push(`2 enter ${n.kind}`),
        Field(n) {
          log.push(`2 field ${n.name.value}`);
          return n.name.value === "customers" ? false : undefined;
        },
      },
      { Name: (n) => (log.push(`3 name ${n.value}`), n.value === "email" ? BREAK : undefined), OperationDefinition: { leave: () => void log.push("3 left") } },
    ];
  }

  it("calls the visitors as graphql's visitInParallel does, skipping and stopping alike", () => {
    const document = parse("query Q { customers(first: 1) { nodes { id } } sources { email: source } __typename }");
    const expected: string[] = [];
    const actual: string[] = [];
    visit(document, visitInParallel(recorders(expected)));
    visit(document, lazyParallelVisitor(recorders(actual)));
    expect(actual).toEqual(expected);
    expect(expected).toContain("2 field customers");
    expect(expected).not.toContain("2 field nodes"); // inside the skipped field
    expect(expected).toContain("1 enter nodes");
    expect(expected).not.toContain("3 left");
  });
});
