import { describe, expect, it } from "vitest";
import { importGraph, importsOf } from "@/bench/import-graph";
import { KNOWN_VIOLATIONS } from "./layers.mjs";

describe("the import graph of lib/ (bench/import-graph.ts, layers from lib/layers.mjs)", () => {
  const graph = importGraph();

  it("resolves relative and @/ imports, type-only ones marked", () => {
    expect(graph.files).toBeGreaterThan(100);
    const imports = importsOf("lib/webhooks/create-endpoint.ts");
    expect(imports).toContainEqual({
      from: "lib/webhooks/create-endpoint.ts",
      to: "lib/audit/append-audit-entry.ts",
      typeOnly: false,
    });
    expect(imports).toContainEqual({
      from: "lib/webhooks/create-endpoint.ts",
      to: "lib/webhooks/signing.ts",
      typeOnly: false,
    });
    expect(imports).toContainEqual({ from: "lib/webhooks/create-endpoint.ts", to: "lib/db/client.ts", typeOnly: true });
    expect(graph.folders["lib/webhooks"]["lib/audit"]).toBeGreaterThan(0);
  });

  it("has no cycle between lib folders", () => {
    expect(graph.cycles).toEqual([]);
  });

  it("has no import from a lower layer to a higher one, apart from the known violations being removed", () => {
    expect(graph.violations.filter((violation) => !violation.known)).toEqual([]);
  });

  it("lists no known violation that is gone (so the list only shrinks as they are removed)", () => {
    const stale = KNOWN_VIOLATIONS.filter(({ from, to }) => !importsOf(from).some((edge) => edge.to === to));
    expect(stale).toEqual([]);
  });
});
