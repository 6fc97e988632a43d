import { describe, expect, it } from "vitest";
import { newNonce, pageCsp } from "./csp";

const directive = (csp: string, name: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `)) ?? "";

describe("page CSP", () => {
  it("runs scripts only by nonce in production: no unsafe-inline, no unsafe-eval", () => {
    const scripts = directive(pageCsp({ nonce: "abc", dev: false }), "script-src");
    expect(scripts).toContain("'nonce-abc'");
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("unsafe-inline");
    expect(scripts).not.toContain("unsafe-eval");
  });

  it("lets next dev eval, still without inline script", () => {
    const scripts = directive(pageCsp({ nonce: "abc", dev: true }), "script-src");
    expect(scripts).toContain("'unsafe-eval'");
    expect(scripts).not.toContain("unsafe-inline");
  });

  it("makes a new nonce each time", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{24}$/);
    expect(newNonce()).not.toBe(a);
  });
});
