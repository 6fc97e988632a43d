import type { Page } from "@playwright/test";
import { expect, trpcMutation, trpcQuery } from "../fixtures";

/** Creates an alert through the API as the signed-in user; its fingerprint is its title. */
export async function createAlert(
  page: Page,
  title: string,
  {
    severity = "high",
    site,
    type = "INTRUSION",
  }: { severity?: string; site?: string; type?: string } = {},
): Promise<string> {
  const sites = await trpcQuery<{ id: string; name: string }[]>(page.request, "site.list", {});
  const siteId = (site ? sites.data?.find((s) => s.name === site) : sites.data?.[0])?.id;
  const res = await trpcMutation<{ id: string }>(page.request, "alert.create", {
    siteId,
    type,
    severity,
    title,
    fingerprint: title,
  });
  const id = res.data?.id;
  if (!id) throw new Error(`alert not created: ${JSON.stringify(res.error)}`);
  return id;
}

/** The page is hydrated and its live stream connected. */
export async function live(page: Page) {
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", {
    timeout: 15_000,
  });
}

export const queueTable = (page: Page) => page.getByRole("table", { name: "Alert queue" });
export const rowOf = (page: Page, id: string) =>
  queueTable(page).locator(`tr[id="alert-row-${id}"]`);
