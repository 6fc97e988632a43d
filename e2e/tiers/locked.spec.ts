import type { Page } from "@playwright/test";
import { expect, shot, test, trpcQuery } from "../fixtures";

type Client = { id: string; name: string; tier: string };

const lockedNote = (page: Page, feature: string, tier: string) =>
  page.getByRole("note", { name: `${feature} is locked: needs ${tier}` });

test.describe("features a client's plan lacks are shown locked, naming the tier", () => {
  for (const [label, viewport] of [
    ["desktop", { width: 1440, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    test(`the SLA page shows bronze and no-plan clients locked (${label})`, async ({
      page,
      loginAs,
    }) => {
      await page.setViewportSize(viewport);
      await loginAs("supervisor@northwind.test");
      await page.goto("/sla");
      await expect(page.getByRole("heading", { name: "SLA risk", level: 1 })).toBeVisible();
      const note = lockedNote(page, "SLA breach prevention", "Silver");
      await expect(note).toBeVisible();
      await expect(note).toContainText("Needs Silver");
      await expect(note).toContainText("Meridian Retail (Bronze)");
      await expect(note).toContainText("Civic Parks Department (no plan)");
      // the client filter keeps them, locked
      await expect(
        page.getByRole("option", { name: "Meridian Retail · needs Silver" }),
      ).toBeDisabled();
      await shot(page, `tiers-sla-locked-${label}`);

      // narrowed to that client (a link or an old bookmark), the list is refused, locked
      const clients = await trpcQuery<Client[]>(page.request, "client.list");
      const bronze = clients.data?.find((c) => c.name === "Meridian Retail");
      expect(bronze?.tier).toBe("bronze");
      const refused = await trpcQuery(page.request, "ticket.risk", {
        clientId: bronze?.id,
        limit: 5,
      });
      expect(refused.status).toBe(403);
      expect(refused.error?.message).toBe(
        "SLA breach prevention needs the Silver plan or higher; Meridian Retail is on Bronze",
      );
      await page.goto(`/sla?client=${bronze?.id}`);
      // the refusal comes from the browser's own fetch after hydration (a failed prefetch is
      // not sent down), which on a cold, shared machine can take longer than the default 5 s
      await expect(page.getByText("Meridian Retail is on Bronze")).toBeVisible({
        timeout: 15_000,
      });
      await shot(page, `tiers-sla-client-locked-${label}`);
    });
  }

  test("the vendors page shows the clients outside vendor performance tracking locked", async ({
    page,
    loginAs,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs("supervisor@northwind.test");
    await page.goto("/vendors");
    const note = lockedNote(page, "Vendor performance tracking", "Silver");
    await expect(note).toBeVisible();
    await expect(note).toContainText("Meridian Retail (Bronze)");
    await shot(page, "tiers-vendors-locked-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(note).toBeVisible();
    await shot(page, "tiers-vendors-locked-phone");
  });
});
