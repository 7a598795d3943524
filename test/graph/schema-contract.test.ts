import { readFileSync } from "node:fs";
import { buildSchema, findBreakingChanges, isInputObjectType, isInterfaceType, isObjectType, isEnumType } from "graphql";
import { describe, expect, it } from "vitest";
import { buildGraphSchema } from "../../resolvers/build-schema.js";
import { emittedSdl, SCHEMA_FILE } from "../../resolvers/emit-schema.js";

/** The public contract, kept in the repository: every name in it must exist in the emitted schema as written. */
const CONTRACT = new URL("../../schema/contract.graphql", import.meta.url);

describe("the public schema", () => {
  it("is checked in as emitted (run `npm run schema` after changing a type)", async () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(await emittedSdl());
  });

  it("keeps every name, type and nullability of the public contract", async () => {
    const contract = buildSchema(readFileSync(CONTRACT, "utf8"));
    const ours = await buildGraphSchema();
    expect(findBreakingChanges(contract, ours)).toEqual([]);
  });

  it("describes every type and field", async () => {
    const schema = await buildGraphSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || ["String", "Int", "Float", "Boolean", "ID"].includes(type.name)) continue;
      // Apollo Federation's own elements (resolvers/federation/), described by its specification.
      if (/^(_|link__|federation__)/.test(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description && !field.name.startsWith("_")) missing.push(`${type.name}.${field.name}`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });
});
