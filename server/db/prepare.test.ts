import { describe, expect, it } from "vitest";
import { repeatCounter } from "./prepare";

describe("repeatCounter", () => {
  it("prepares a text from its third call on, and not the texts seen less", () => {
    const should = repeatCounter(3, 100);
    expect([should("a"), should("a"), should("b"), should("a"), should("a")]).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(should("b")).toBe(false);
    expect(should("b")).toBe(true);
  });

  it("starts counting again once it holds as many texts as it may", () => {
    const should = repeatCounter(2, 3);
    should("a");
    should("b");
    should("c");
    // full: a new text clears the counts
    expect(should("d")).toBe(false);
    expect(should("a")).toBe(false);
    expect(should("a")).toBe(true);
  });
});
