import { readFileSync } from "node:fs";
import { Kind, parse, print, type OperationDefinitionNode } from "graphql";

export interface ExampleOperation {
  name: string;
  query: string;
  variables?: string;
}

const FILE = new URL("../schema/examples.graphql", import.meta.url);

/**
 * The sample operations of schema/examples.graphql, one per operation, with the comment above each kept as
 * its introduction (GraphiQL shows each as a tab).
 */
export function loadExampleOperations(): ExampleOperation[] {
  const text = readFileSync(FILE, "utf8");
  const document = parse(text);
  return document.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((op) => {
      const before = text.slice(0, op.loc?.start ?? 0).split(/\n\s*\n/).at(-1) ?? "";
      const comment = before.split("\n").filter((l) => l.startsWith("#")).join("\n");
      const needsId = op.variableDefinitions?.some((v) => v.variable.name.value === "id");
      return {
        name: op.name?.value ?? "Example",
        query: `${comment ? `${comment}\n` : ""}${print(op)}\n`,
        variables: needsId ? JSON.stringify({ id: "paste a Customer id here" }, null, 2) : undefined,
      };
    });
}
