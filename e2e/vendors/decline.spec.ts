import type { APIRequestContext } from "@playwright/test";
import { expect, shot, signIn, test, trpcMutation, trpcQuery, unique } from "../fixtures";

// a vendor on a phone; staff from a separate, signed-in context
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

async function orderWithLink(staff: APIRequestContext, title: string) {
  const sites = await trpcQuery<{ id: string; phone: string }[]>(staff, "site.list", {});
  const vendors = await trpcQuery<{ id: string; doNotDispatch: boolean }[]>(staff, "vendor.list");
  const site = sites.data?.find((s) => s.phone) ?? sites.data?.[0];
  const vendor = vendors.data?.find((v) => !v.doNotDispatch);
  const created = await trpcMutation<{ id: string }>(staff, "workOrder.create", {
    siteId: site?.id,
    title,
    description: "Gate motor trips its breaker.",
    category: "electrical",
    priority: "high",
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    vendorId: vendor?.id,
  });
  expect(created.error).toBeUndefined();
  const id = created.data?.id ?? "";
  const link = await trpcMutation<{ url: string }>(staff, "workOrder.sendLink", { id });
  expect(link.error).toBeUndefined();
  return { id, path: new URL(link.data?.url ?? "").pathname };
}

test.describe("vendor decline and on my way", () => {
  test("a vendor says they are on the way, then another declines with a reason; staff see both", async ({
    page,
    browser,
    baseURL,
  }) => {
    const staff = await browser.newContext({ baseURL });
    await signIn(staff, "supervisor@northwind.test");

    // on my way: after accepting, one tap, on the history
    const first = await orderWithLink(staff.request, `Gate motor ${unique()}`);
    await page.goto(first.path);
    await expect(page.getByRole("link", { name: /^Call \+/ })).toHaveAttribute(
      "href",
      /^tel:\+\d+$/,
    );
    await expect(page.getByText(/\(America\/|\(Europe\/|\(Asia\/|\(Australia\//)).toBeVisible();
    await expect(page.getByRole("button", { name: "On my way" })).toHaveCount(0);
    await page.getByRole("button", { name: "Accept job" }).click();
    await page.getByRole("button", { name: "On my way" }).click();
    await expect(page.getByText("The site has been told you are on your way.")).toBeVisible();
    await expect(
      page.getByRole("list", { name: "History" }).getByText("On the way").first(),
    ).toBeVisible();
    await shot(page, "portal-on-my-way-390");

    // decline: a reason is asked for, then the job goes back and the link ends
    const second = await orderWithLink(staff.request, `Gate motor ${unique()}`);
    await page.goto(second.path);
    await page.getByRole("button", { name: "Decline job" }).click();
    await page.getByRole("button", { name: "Decline job" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Say why" })).toHaveText(
      "Say why you cannot take the job.",
    );
    await page
      .getByRole("textbox", { name: "Why can you not take it" })
      .fill("No electrician free this week");
    await shot(page, "portal-decline-form-390");
    await page.getByRole("button", { name: "Decline job" }).click();
    await expect(page.getByRole("heading", { name: "You declined this job" })).toBeVisible();
    const again = await page.goto(second.path);
    expect(again?.status()).toBe(404);

    const detail = await trpcQuery<{ status: string; vendorId: string | null }>(
      staff.request,
      "workOrder.get",
      { id: second.id },
    );
    expect(detail.data).toMatchObject({ status: "new", vendorId: null });
    await staff.close();
  });

  test("the complete button fits one line at 390 px", async ({ page, browser, baseURL }) => {
    const staff = await browser.newContext({ baseURL });
    await signIn(staff, "supervisor@northwind.test");
    const order = await orderWithLink(staff.request, `Latch ${unique()}`);
    await page.goto(order.path);
    await page.getByRole("button", { name: "Accept job" }).click();
    await page.getByRole("button", { name: "Start work" }).click();
    await page.getByRole("button", { name: "Complete job" }).click();
    const confirm = page.getByRole("button", { name: "Confirm completion" });
    await expect(confirm).toBeVisible();
    const box = await confirm.boundingBox();
    // one line of 16 px text in a 48 px button: no second line
    expect(box?.height ?? 0).toBeLessThanOrEqual(52);
    await shot(page, "portal-complete-390");
    await staff.close();
  });
});
