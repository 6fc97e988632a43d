import { describe, expect, it } from "vitest";
import nextConfig from "../../next.config";

function logged(url: string): boolean {
  const incoming = nextConfig.logging ? nextConfig.logging.incomingRequests : undefined;
  const ignore = typeof incoming === "object" ? (incoming.ignore ?? []) : [];
  return !ignore.some((r) => r.test(url));
}

describe("next.config", () => {
  it("keeps vendor-link paths out of the dev request log, and only those", () => {
    const token = "q".repeat(42) + "A";
    for (const url of [
      `/v/${token}`,
      `/v/${token}?x=1`,
      `/api/v/${token}/attachments`,
      `//api//v/${token}`,
      `/V/${token}`,
    ]) {
      expect(logged(url), url).toBe(false);
    }
    for (const url of ["/vendors", "/api/vendors", "/login", "/api/trpc/vendor.list"]) {
      expect(logged(url), url).toBe(true);
    }
  });

  it("lets the loopback addresses use the dev server", () => {
    expect(nextConfig.allowedDevOrigins).toEqual(
      expect.arrayContaining(["127.0.0.1", "localhost", "[::1]"]),
    );
  });
});
