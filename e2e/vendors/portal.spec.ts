import { deflateSync } from "node:zlib";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { card, expect, shot, signIn, test, trpcMutation, trpcQuery, unique } from "../fixtures";

// a vendor on a phone; staff work from a separate, signed-in desktop context
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real w×h RGB PNG: a diagonal gradient, so a thumbnail visibly shows it. */
function png(w: number, h: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour
  const rows = Buffer.alloc(h * (1 + w * 3));
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * (1 + w * 3) + 1 + x * 3;
      rows.set([(x * 255) / w, (y * 255) / h, 160], i);
    }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

type Created = { id: string; number: number };

/** A fresh order assigned to a vendor, made by a supervisor, and its vendor link's path. */
async function orderWithLink(staff: APIRequestContext, title: string) {
  const sites = await trpcQuery<{ id: string; address: string }[]>(staff, "site.list", {});
  const vendors = await trpcQuery<{ id: string; doNotDispatch: boolean }[]>(staff, "vendor.list");
  const site = sites.data?.find((s) => s.address) ?? sites.data?.[0];
  const vendor = vendors.data?.find((v) => !v.doNotDispatch);
  expect(site && vendor, "a seeded site and vendor").toBeTruthy();
  const created = await trpcMutation<Created>(staff, "workOrder.create", {
    siteId: site?.id,
    title,
    description: "The meter cabinet door does not latch.\nReplace the latch and test it.",
    category: "locks",
    priority: "high",
    estimateHours: 1.5,
    dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    vendorId: vendor?.id,
  });
  expect(created.error).toBeUndefined();
  const id = created.data?.id ?? "";
  return { id, path: await sendLink(staff, id) };
}

async function sendLink(staff: APIRequestContext, id: string): Promise<string> {
  const link = await trpcMutation<{ url: string }>(staff, "workOrder.sendLink", { id });
  expect(link.error).toBeUndefined();
  return new URL(link.data?.url ?? "").pathname;
}

async function staffContext(browser: Browser, baseURL: string | undefined) {
  const staff = await browser.newContext({ baseURL });
  await signIn(staff, "supervisor@northwind.test");
  return staff;
}

async function expectInvalid(page: Page, path: string, title: string) {
  const res = await page.goto(path);
  expect(res?.status()).toBe(404);
  await expect(
    page.getByRole("heading", { name: "This link is no longer valid", level: 1 }),
  ).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
  await expect(page.getByText(/Work order #/)).toHaveCount(0);
  await expect(page.getByRole("button")).toHaveCount(0);
}

test.describe("vendor portal", () => {
  test("a vendor on a phone accepts, starts, uploads a photo, notes and completes; the order turns read-only", async ({
    page,
    browser,
    baseURL,
  }) => {
    const staff = await staffContext(browser, baseURL);
    const title = `Fix cabinet latch ${unique()}`;
    const { id, path } = await orderWithLink(staff.request, title);

    const res = await page.goto(path);
    expect(res?.status()).toBe(200);
    expect(res?.headers()["referrer-policy"]).toBe("no-referrer");
    expect(res?.headers()["x-robots-tag"]).toContain("noindex");
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
    // a nonce'd CSP like every page; a home-screen icon opens this order
    expect(res?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
    const manifestHref = (await page.locator('link[rel="manifest"]').getAttribute("href")) ?? "";
    expect(manifestHref).toBe(`${path}/manifest.webmanifest`);
    const manifest = await page.request.get(manifestHref);
    expect(manifest.headers()["content-type"]).toContain("application/manifest+json");
    expect(((await manifest.json()) as { start_url?: string }).start_url).toBe(path);
    await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
    const header = page.getByRole("banner");
    await expect(header.getByText("Assigned", { exact: true })).toBeVisible();
    await expect(header.getByText("High priority")).toBeVisible();
    await expect(page.getByText("Replace the latch and test it.")).toBeVisible();
    await expect(page.getByText("1.5 hours")).toBeVisible();
    await expect(page.getByRole("link", { name: /@northwind\.test$/ })).toHaveAttribute(
      "href",
      /^mailto:/,
    );
    await shot(page, "portal-assigned");

    // nothing overflows sideways at phone width
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    await page.getByRole("button", { name: "Accept job" }).click();
    await expect(header.getByText("Accepted", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Start work" }).click();
    await expect(header.getByText("In progress", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Put on hold" })).toBeVisible();

    // a photo: uploaded with progress, then shown as a thumbnail from the link's own URL
    const upload = page.getByLabel("Add photo or PDF");
    await expect(upload).toHaveAttribute("accept", "image/*,application/pdf");
    await upload.setInputFiles({ name: "latch.png", mimeType: "image/png", buffer: png(48, 32) });
    await expect(page.getByText("Uploaded latch.png.")).toBeVisible();
    const thumb = page.getByRole("img", { name: "latch.png" });
    await expect(thumb).toBeVisible();
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(48);
    expect(await thumb.getAttribute("src")).toMatch(/^\/api\/v\/[\w-]+\/attachments\/[\w-]+$/);

    // the download keeps its own sandboxing CSP (the app-wide one used to replace it), from the
    // vendor's link and from the staff route alike
    const src = (await thumb.getAttribute("src")) ?? "";
    const attachmentId = src.split("/").pop() ?? "";
    for (const download of [
      await page.request.get(src),
      await staff.request.get(`/api/work-orders/${id}/attachments/${attachmentId}`),
    ]) {
      expect(download.status()).toBe(200);
      expect(download.headers()["content-type"]).toBe("image/png");
      expect(download.headers()["content-security-policy"]).toBe(
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      );
    }

    // a file that is not what it claims: the API's reason shown in plain words
    await upload.setInputFiles({
      name: "photo.jpg",
      mimeType: "image/jpeg",
      buffer: Buffer.from("<svg onload=alert(1)>"),
    });
    await expect(card(page, "Photos and files").getByRole("alert")).toContainText(
      "not an image or PDF",
    );

    await page.getByLabel("Note", { exact: true }).fill("On site at 9:40, cabinet open.");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByText("Note added.")).toBeVisible();
    const history = page.getByRole("list", { name: "History" });
    await expect(history).toContainText("On site at 9:40, cabinet open.");
    await expect(history).toContainText("Accepted → In progress");
    await shot(page, "portal-in-progress");

    // on hold with a reason, and back
    await page.getByRole("button", { name: "Put on hold" }).click();
    await page.getByLabel("Why is it on hold (optional)").fill("Waiting for a new latch.");
    await page.getByRole("button", { name: "Confirm hold" }).click();
    await expect(header.getByText("On hold", { exact: true })).toBeVisible();
    await expect(history).toContainText("Waiting for a new latch.");
    await page.getByRole("button", { name: "Resume work" }).click();
    await expect(header.getByText("In progress", { exact: true })).toBeVisible();

    // completing needs a note
    const actions = card(page, "What to do now");
    await page.getByRole("button", { name: "Complete job" }).click();
    await page.getByRole("button", { name: "Confirm completion" }).click();
    await expect(actions.getByRole("alert")).toHaveText(
      "Write what you did before completing the job.",
    );
    // staff hold the order meanwhile: the step is refused in plain words, the page catches up,
    // and the typed note is still there once the job can be completed again
    const held = await trpcMutation(staff.request, "workOrder.move", { id, to: "on_hold" });
    expect(held.error).toBeUndefined();
    await page.getByLabel("What was done").fill("Replaced the latch, tested 10 times.");
    await page.getByRole("button", { name: "Confirm completion" }).click();
    await expect(actions.getByRole("alert")).toContainText("no longer possible");
    await expect(header.getByText("On hold", { exact: true })).toBeVisible();
    await shot(page, "portal-conflict");
    await page.getByRole("button", { name: "Resume work" }).click();
    await expect(header.getByText("In progress", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Complete job" }).click();
    await expect(page.getByLabel("What was done")).toHaveValue(
      "Replaced the latch, tested 10 times.",
    );
    await page.getByRole("button", { name: "Confirm completion" }).click();

    await expect(header.getByText("Completed", { exact: true })).toBeVisible();
    await expect(page.getByText(/can no longer be changed from this link/)).toBeVisible();
    await expect(page.getByRole("button")).toHaveCount(0);
    await expect(page.locator('input[type="file"]')).toHaveCount(0);
    await expect(page.getByLabel("Note", { exact: true })).toHaveCount(0);
    await expect(history).toContainText("Replaced the latch, tested 10 times.");
    await expect(page.getByRole("img", { name: "latch.png" })).toBeVisible();
    await shot(page, "portal-completed");

    // the API agrees: a closed order takes no more notes
    const late = await page.request.post(`/api${path}/notes`, { data: { note: "one more" } });
    expect(late.status()).toBe(409);
    await staff.close();
  });

  test("a forged, revoked or replaced link shows the plain invalid page with no data", async ({
    page,
    browser,
    baseURL,
  }) => {
    const staff = await staffContext(browser, baseURL);
    const title = `Door closer ${unique()}`;
    const { id, path: first } = await orderWithLink(staff.request, title);

    // re-sending replaces the link: the first one stops working, the new one works
    const second = await sendLink(staff.request, id);
    await expectInvalid(page, first, title);
    await page.goto(second);
    await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();

    const revoked = await trpcMutation<{ revoked: number }>(staff.request, "workOrder.revokeLink", {
      id,
    });
    expect(revoked.data?.revoked).toBe(1);
    await expectInvalid(page, second, title);
    await shot(page, "portal-invalid");

    const token = second.split("/v/")[1] ?? "";
    const forged = `${token.slice(0, 10)}${token.slice(10, 20).split("").reverse().join("")}${token.slice(20)}`;
    await expectInvalid(page, `/v/${forged === token ? "x" + token.slice(1) : forged}`, title);
    await expectInvalid(page, "/v/not-a-token", title);
    await staff.close();
  });
});
