import { describe, expect, it } from "vitest";
import { NAV_ITEMS } from "@/lib/navigation";
import { CAPABILITY_NAMES } from "@/lib/permissions";
import { appProcedures } from "@/server/test/procedures";

describe("the capability map, walked", () => {
  const declared = Object.fromEntries(appProcedures().map((p) => [p.path, p.capability]));

  it("finds the app's procedures", () => {
    expect(Object.keys(declared).length).toBeGreaterThan(60);
    expect(declared["alert.list"]).toBe("alert.view");
    expect(declared["me.get"]).toBe("signedIn");
  });

  it("every procedure declares a capability", () => {
    const missing = Object.entries(declared)
      .filter(([, cap]) => cap === undefined)
      .map(([path]) => path);
    expect(missing).toEqual([]);
  });

  it("every capability is used by a procedure or a page", () => {
    const used = new Set<string>([
      ...Object.values(declared).flatMap((c) => (c ? [c] : [])),
      ...NAV_ITEMS.map((i) => i.capability),
    ]);
    expect(CAPABILITY_NAMES.filter((c) => !used.has(c))).toEqual([]);
  });
});
