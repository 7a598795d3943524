// The GraphQL Mesh composition of the four simulated vendors, from the OpenAPI descriptions beside this file:
// what a generic REST-to-GraphQL gateway gives without our layer. bench/mesh-gateway.ts runs
// `mesh-compose -c compose.config.mjs` with SIM_URL (the simulators) and WMS_TOKEN (a bearer token it fetched),
// then serves the supergraph with Hive Gateway. Not named mesh.config.ts: the gateway would load that file too.
// Plain JavaScript so that the main typecheck does not need this folder's own install.
import { createPrefixTransform, defineConfig } from "@graphql-mesh/compose-cli";
import { loadOpenAPISubgraph } from "@omnigraph/openapi";

const sim = process.env.SIM_URL ?? "http://127.0.0.1:4100";
const here = new URL(".", import.meta.url).pathname;

// Each vendor's types get its name as a prefix: the four descriptions share names such as Customer and Contact.
const subgraph = (name, options) => ({
  transforms: [createPrefixTransform({ value: `${name}_` })],
  sourceHandler: loadOpenAPISubgraph(name, { source: `${here}${name.toLowerCase()}.openapi.yaml`, ...options }),
});

export const composeConfig = defineConfig({
  subgraphs: [
    subgraph("RPM", {
      endpoint: `${sim}/rpm`,
      operationHeaders: { RpmApiKey: "sim-rpm-key" },
      // RPM reads are POSTs too; without this they would be mutations.
      selectQueryOrMutationField: [
        { type: "Query", fieldName: "Customers" },
        { type: "Query", fieldName: "Customer" },
      ],
    }),
    subgraph("WMS", { endpoint: `${sim}/wms`, operationHeaders: { Authorization: `Bearer ${process.env.WMS_TOKEN ?? ""}` } }),
    subgraph("KOMET", { endpoint: `${sim}/komet` }),
    subgraph("CONNECT", { endpoint: `${sim}/connect`, operationHeaders: { "X-API-Key": "sim-connect-key" } }),
  ],
  // RPM's list carries no contacts or locations: each customer's come from its Customer call, linked here.
  additionalTypeDefs: /* GraphQL */ `
    extend type RPM_CustomerSummary {
      detail: RPM_CustomerDetail
        @resolveTo(
          sourceName: "RPM"
          sourceTypeName: "Query"
          sourceFieldName: "Customer"
          requiredSelectionSet: "{ CustomerID }"
          sourceArgs: { input: { CustomerID: "{root.CustomerID}" } }
          result: "Result"
        )
    }
  `,
});
