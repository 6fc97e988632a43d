import { describe, expect, it } from "vitest";
import { evaluate, evaluateValue } from "./expression";

const scope = {
  event: { name: "order/created", data: { orderId: "o-1", n: 2, nested: { ok: true } } },
  async: { name: "order/paid", data: { orderId: "o-1", n: 3 } },
};

describe("expression", () => {
  it("compares fields and literals", () => {
    expect(evaluate("async.data.orderId == event.data.orderId", scope)).toBe(true);
    expect(evaluate("async.data.n == event.data.n", scope)).toBe(false);
    expect(evaluate("event.data.orderId == 'o-1'", scope)).toBe(true);
    expect(evaluate('event.data.orderId != "o-2"', scope)).toBe(true);
    expect(evaluate("event.data.n == 2 && async.data.n == 3", scope)).toBe(true);
    expect(
      evaluate("event.data.n == 9 || (async.data.n == 3 && event.data.nested.ok == true)", scope),
    ).toBe(true);
    expect(evaluate("event.data.missing == null", scope)).toBe(true);
  });
  it("chooses with a ? b : c, as a priority expression does", () => {
    expect(evaluateValue("event.data.nested.ok == true ? -600 : 0", scope)).toBe(-600);
    expect(evaluateValue("event.data.n == 3 ? 1 : event.data.n == 2 ? 2 : 3", scope)).toBe(2);
    expect(evaluateValue("(event.data.missing == null) ? 'a' : 'b'", scope)).toBe("a");
    expect(evaluateValue("event.data.n", scope)).toBe(2);
    expect(() => evaluateValue("event.data.n == 2 ? 1", scope)).toThrow();
  });
  it("refuses what it does not understand", () => {
    expect(() => evaluate("event.data.n > 1", scope)).toThrow(/unsupported/);
    expect(() => evaluate("event.data.n == ", scope)).toThrow();
  });
});
