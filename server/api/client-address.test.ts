import { describe, expect, it } from "vitest";
import { clientAddress, requestHost, requestProtocol, trustedProxyHops } from "./client-address";

const h = (init: Record<string, string>) => new Headers(init);

describe("clientAddress", () => {
  it("with no trusted proxy, is the peer the server appended, whatever the client wrote", () => {
    expect(clientAddress(h({ "x-forwarded-for": "198.51.100.7" }), 0)).toBe("198.51.100.7");
    expect(clientAddress(h({ "x-forwarded-for": "1.2.3.4, 198.51.100.7" }), 0)).toBe(
      "198.51.100.7",
    );
    expect(clientAddress(h({ "x-forwarded-for": "1.2.3.4,5.6.7.8 ,  198.51.100.7" }), 0)).toBe(
      "198.51.100.7",
    );
  });

  it("behind n trusted proxies, is the entry n places left of the peer", () => {
    // client forged 6.6.6.6; the proxy appended the client's real 203.0.113.5; the server 10.0.0.2
    const headers = h({ "x-forwarded-for": "6.6.6.6, 203.0.113.5, 10.0.0.2" });
    expect(clientAddress(headers, 1)).toBe("203.0.113.5");
    expect(clientAddress(headers, 2)).toBe("6.6.6.6");
    expect(clientAddress(h({ "x-forwarded-for": "10.0.0.2" }), 2)).toBe("10.0.0.2");
  });

  it("ignores X-Real-IP and empty entries, and says unknown when there is nothing", () => {
    expect(clientAddress(h({ "x-real-ip": "9.9.9.9" }), 0)).toBe("unknown");
    expect(clientAddress(h({ "x-forwarded-for": " , " }), 0)).toBe("unknown");
    expect(clientAddress(h({ "x-forwarded-for": "7.7.7.7, , 8.8.8.8," }), 0)).toBe("8.8.8.8");
  });
});

describe("trustedProxyHops", () => {
  it("defaults to 0 and refuses anything but a small whole number", () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: " 2 " })).toBe(2);
    for (const bad of ["-1", "1.5", "all", "true", "11"])
      expect(() => trustedProxyHops({ TRUSTED_PROXY_HOPS: bad })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

describe("requestHost / requestProtocol", () => {
  const headers = h({
    host: "app.internal:3000",
    "x-forwarded-host": "watchfloor.example, proxy.internal",
    "x-forwarded-proto": "https",
  });
  it("read the forwarded host and protocol only behind trusted proxies", () => {
    expect(requestHost(headers, 0)).toBe("app.internal:3000");
    expect(requestHost(headers, 1)).toBe("watchfloor.example");
    expect(requestHost(h({ host: "a.test" }), 1)).toBe("a.test");
    expect(requestProtocol(headers, 0)).toBeNull();
    expect(requestProtocol(headers, 1)).toBe("https");
  });
});
