import { describe, expect, it } from "vitest";
import { newPortalToken } from "./token";
import { findTokenLeaks } from "./token-leaks";

describe("findTokenLeaks", () => {
  const { token, hash } = newPortalToken();
  const issued = new Set([hash]);

  it("finds an issued token anywhere in a line, and portal paths", () => {
    const log = [
      " ✓ Ready in 1.2s",
      ` POST /api/v/${token}/attachments 201 in 40ms`,
      `[notifications] link=${token}`,
      " GET /v/abcdefghijklmnop 404 in 3ms",
    ].join("\n");
    const leaks = findTokenLeaks(log, issued);
    expect(leaks).toHaveLength(3);
    expect(leaks.join("\n")).not.toContain(token);
  });

  it("ignores token-shaped strings that are not issued tokens, and route patterns", () => {
    const other = newPortalToken().token;
    expect(findTokenLeaks(`run ${other} completed\n ƒ /v/[token]`, issued)).toEqual([]);
  });
});
