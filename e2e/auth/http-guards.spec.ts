import { expect, test } from "../fixtures";

test("a tRPC batch past the cap is refused with a message naming the cap", async ({ request }) => {
  const calls = (n: number) => Array.from({ length: n }, () => "me.get").join(",");
  const res = await request.get(`/api/trpc/${calls(100)}?batch=1&input=%7B%7D`);
  expect(res.status()).toBe(400);
  const body = (await res.json()) as { error: { json: { message: string } } };
  expect(body.error.json.message).toMatch(/at most 20 calls; this one has 100/);
});

test("a state-changing request from another site's page is refused; one without Origin is not", async ({
  request,
}) => {
  const foreign = await request.post("/api/alerts", {
    headers: { origin: "https://evil.test", "content-type": "application/json" },
    data: {},
  });
  expect(foreign.status()).toBe(403);
  expect(((await foreign.json()) as { error: string }).error).toMatch(/Cross-site requests/);
  // a machine with no Origin gets as far as the API-key check
  const machine = await request.post("/api/alerts", {
    headers: { "content-type": "application/json" },
    data: {},
  });
  expect(machine.status()).toBe(401);
});
