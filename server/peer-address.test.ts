import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withPeerAddressStamp } from "@/scripts/lib/launcher";
import { stampPeerAddress } from "./peer-address.mjs";

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

describe("the preload (scripts/lib/preload-peer-address.mjs)", () => {
  it("stamps the very first request of a server started after it, with no other setup", async () => {
    // a child process: this one has the stamp installed already
    const script = `
      const http = require("node:http");
      const s = http.createServer((req, res) => { res.end(req.headers["x-forwarded-for"] ?? ""); s.close(); });
      s.listen(0, "127.0.0.1", () => console.log(s.address().port));`;
    const child = spawn(process.execPath, ["-e", script], {
      env: withPeerAddressStamp({ ...process.env, NODE_OPTIONS: "" }),
    });
    const childPort = await new Promise<number>((resolve, reject) => {
      child.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
      child.once("error", reject);
    });
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get(
          { host: "127.0.0.1", port: childPort, headers: { "x-forwarded-for": "6.6.6.6" } },
          (res) => {
            let b = "";
            res.on("data", (chunk: Buffer) => (b += chunk.toString()));
            res.on("end", () => resolve(b));
          },
        )
        .on("error", reject);
    });
    expect(body).toBe("6.6.6.6, 127.0.0.1");
  });
});

describe("stampPeerAddress", () => {
  it("appends the socket's address to whatever X-Forwarded-For the client sent", async () => {
    expect(await get({})).toBe("127.0.0.1");
    expect(await get({ "x-forwarded-for": "6.6.6.6" })).toBe("6.6.6.6, 127.0.0.1");
    expect(await get({ "x-forwarded-for": "6.6.6.6" }, "127.0.0.9")).toBe("6.6.6.6, 127.0.0.9");
  });
});
