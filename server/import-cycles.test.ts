import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKED_DIRS, findCycles, importGraph, importsOf } from "@/scripts/lib/import-cycles";

const root = path.resolve(import.meta.dirname, "..");

describe("import circles", () => {
  it("server/, inngest/ and lib/ import one another without a circle", () => {
    const graph = importGraph(root, CHECKED_DIRS);
    // the walk resolves the project's `@/` paths, or it would find nothing to close a circle
    expect(graph.get("server/services/sla/escalate.ts")).toContain(
      "server/services/notifications/request-delivery.ts",
    );
    expect(findCycles(graph).map((c) => c.join(" → "))).toEqual([]);
  });

  it("names each circle once, as a closed path, and sees self-imports", () => {
    const graph = new Map([
      ["a.ts", new Set(["b.ts"])],
      ["b.ts", new Set(["c.ts", "d.ts"])],
      ["c.ts", new Set(["a.ts"])],
      ["d.ts", new Set<string>()],
      ["e.ts", new Set(["e.ts"])],
    ]);
    expect(findCycles(graph)).toEqual([
      ["a.ts", "b.ts", "c.ts", "a.ts"],
      ["e.ts", "e.ts"],
    ]);
  });

  it("counts type-only imports, re-exports and import() calls", () => {
    const text = [
      'import type { A } from "./a";',
      'export { b } from "./b";',
      'const c = await import("./c");',
    ].join("\n");
    expect(importsOf(text)).toEqual(["./a", "./b", "./c"]);
  });
});
