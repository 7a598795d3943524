import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";

// A fresh clone must hold everything it needs: no file may read or send a reader to the project's former
// sibling folder of design notes and vendor pages (the vendors' APIs are described in docs/vendors/, the
// public contract is schema/contract.graphql).
const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The sibling folder by a relative path, or any absolute path through a folder of that name. */
const OUTSIDE_REFERENCES = [/\.\.[\\/]+shared\b/, /[\\/]shared[\\/]/];

function trackedFiles(): string[] {
  return execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter((file) => file !== "" && file !== "package-lock.json");
}

describe("the repository stands alone", () => {
  it("has no tracked file that refers to a folder outside it", () => {
    const files = trackedFiles();
    expect(files.length).toBeGreaterThan(100);
    const offending: string[] = [];
    for (const file of files) {
      const lines = readFileSync(`${ROOT}${file}`, "utf8").split("\n");
      lines.forEach((line, i) => {
        if (OUTSIDE_REFERENCES.some((pattern) => pattern.test(line))) offending.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offending).toEqual([]);
  });

  it("keeps the public contract in the repository, where the contract test reads it", () => {
    expect(trackedFiles()).toContain("schema/contract.graphql");
    const contract = buildSchema(readFileSync(`${ROOT}schema/contract.graphql`, "utf8"));
    expect(Object.keys(contract.getTypeMap())).toEqual(expect.arrayContaining(["Customer", "Source", "Node"]));
    const contractTest = readFileSync(`${ROOT}test/graph/schema-contract.test.ts`, "utf8");
    expect(contractTest).toContain(`new URL("../../schema/contract.graphql", import.meta.url)`);
  });

  it("describes each vendor's API in docs/vendors/", () => {
    const files = trackedFiles();
    for (const vendor of ["README", "rpm", "wms", "komet", "connect"]) expect(files).toContain(`docs/vendors/${vendor}.md`);
  });
});
