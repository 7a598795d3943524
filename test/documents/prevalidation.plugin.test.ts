import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type ValidationRule } from "graphql";
import { describe, expect, it } from "vitest";
import { documentStore } from "../../src/documents/document-store.js";
import { prevalidationPlugin } from "../../src/documents/prevalidation.plugin.js";

const typeDefs = "type Query { hello(times: Int): String }";
const resolvers = { Query: { hello: (_: unknown, args: { times?: number }) => "hi".repeat(args.times ?? 1) } };

/** An Apollo server as src/server.ts sets one up, counting the documents Apollo parses and validates itself. */
async function apolloWith(options: { introspection: boolean; maxTokens?: number; validationRules?: ValidationRule[] }) {
  const counts = { parsed: 0, validated: 0 };
  const counting: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async parsingDidStart() {
          counts.parsed++;
        },
        async validationDidStart() {
          counts.validated++;
        },
      };
    },
  };
  const documents = documentStore();
  const parseOptions = { maxTokens: options.maxTokens ?? 1000 };
  const validationRules = options.validationRules ?? [];
  const server = new ApolloServer({
    typeDefs,
    resolvers,
    introspection: options.introspection,
    parseOptions,
    validationRules,
    documentStore: documents,
    plugins: [prevalidationPlugin(documents, { parseOptions, introspection: options.introspection, validationRules }), counting],
  });
  await server.start();
  const run = async (query: string) => {
    const { body } = await server.executeOperation({ query });
    if (body.kind !== "single") throw new Error("expected a single result");
    return body.singleResult;
  };
  return { server, counts, run };
}

describe("prevalidationPlugin", () => {
  it("stores a valid new document before Apollo looks, so Apollo neither parses nor validates it", async () => {
    const { server, counts, run } = await apolloWith({ introspection: true });
    expect((await run("{ hello(times: 2) }")).data).toEqual({ hello: "hihi" });
    expect((await run("{ hello(times: 2) }")).data).toEqual({ hello: "hihi" });
    expect((await run("{ a: hello }")).data).toEqual({ a: "hi" });
    expect(counts).toEqual({ parsed: 0, validated: 0 });
    await server.stop();
  });

  it("leaves a wrong document to Apollo, which reports every mistake as before, each time it comes", async () => {
    const { server, counts, run } = await apolloWith({ introspection: true });
    for (let i = 0; i < 2; i++) {
      const result = await run('{ hello(times: "x") nope }');
      expect(result.data).toBeUndefined();
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["GRAPHQL_VALIDATION_FAILED", "GRAPHQL_VALIDATION_FAILED"]);
      expect(result.errors?.map((e) => e.message)).toEqual([
        'Int cannot represent non-integer value: "x"',
        'Cannot query field "nope" on type "Query".',
      ]);
    }
    expect(counts).toEqual({ parsed: 2, validated: 2 });
    await server.stop();
  });

  it("with introspection off, never stores a document that asks for __schema or __type: Apollo refuses it every time", async () => {
    const { server, counts, run } = await apolloWith({ introspection: false });
    for (const query of ["{ __schema { queryType { name } } }", "{ __schema { queryType { name } } }", '{ hello t: __type(name: "Query") { name } }']) {
      const result = await run(query);
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0]?.message).toMatch(/introspection is not allowed/);
    }
    expect(counts.validated).toBe(3);
    expect((await run("{ hello __typename }")).data).toEqual({ hello: "hi", __typename: "Query" });
    expect(counts.validated).toBe(3);
    await server.stop();
  });

  it("applies the server's own validation rules too, and leaves syntax errors and texts over the token limit to Apollo", async () => {
    const noHello: ValidationRule = (context) => ({
      Field(node) {
        if (node.name.value === "hello") context.reportError(new GraphQLError("no hello"));
      },
    });
    const { server, counts, run } = await apolloWith({ introspection: true, maxTokens: 12, validationRules: [noHello] });
    expect((await run("{ hello }")).errors?.[0]?.message).toBe("no hello");
    expect((await run("{ hello(")).errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    const long = await run("{ a: __typename b: __typename c: __typename d: __typename }");
    expect(long.errors?.[0]?.message).toMatch(/more that 12 tokens/); // graphql's wording
    expect(counts).toEqual({ parsed: 3, validated: 1 });
    await server.stop();
  });
});
