import { expect, test } from "../fixtures";

test.describe("public files", () => {
  for (const [path, type] of [
    ["/robots.txt", "text/plain"],
    ["/manifest.webmanifest", "application/manifest+json"],
    ["/icons/icon.svg", "image/svg+xml"],
    ["/icons/icon-192.png", "image/png"],
    ["/icons/icon-512.png", "image/png"],
    ["/apple-touch-icon.png", "image/png"],
  ] as const) {
    test(`${path} is served to anyone as ${type}`, async ({ request }) => {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toContain(type);
    });
  }

  test("robots.txt disallows everything and the manifest is the app's", async ({ request }) => {
    expect(await (await request.get("/robots.txt")).text()).toMatch(
      /User-agent: \*\s+Disallow: \/\s*$/,
    );
    const manifest = (await (await request.get("/manifest.webmanifest")).json()) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({ name: "Watchfloor", display: "standalone", start_url: "/" });
  });
});
