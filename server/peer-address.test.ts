import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stampPeerAddress } from "./peer-address";

let server: http.Server;
let port = 0;

beforeAll(async () => {
  stampPeerAddress();
  stampPeerAddress(); // twice is once
  server = http.createServer((req, res) => res.end(req.headers["x-forwarded-for"] ?? ""));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(headers: Record<string, string>, localAddress = "127.0.0.1"): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, headers, localAddress }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}

describe("stampPeerAddress", () => {
  it("appends the socket's address to whatever X-Forwarded-For the client sent", async () => {
    expect(await get({})).toBe("127.0.0.1");
    expect(await get({ "x-forwarded-for": "6.6.6.6" })).toBe("6.6.6.6, 127.0.0.1");
    expect(await get({ "x-forwarded-for": "6.6.6.6" }, "127.0.0.9")).toBe("6.6.6.6, 127.0.0.9");
  });
});
