import type { APIRequestContext } from "@playwright/test";
import { trpcQuery } from "../fixtures";

export type SiteRow = {
  id: string;
  name: string;
  clientName: string;
  tier: string;
  active: boolean;
};

/** A site of a Gold client (playbooks are Gold): the n-th, so specs can keep to their own. */
export async function goldSite(request: APIRequestContext, n = 0): Promise<SiteRow> {
  const sites = await trpcQuery<SiteRow[]>(request, "site.list", {});
  const gold = (sites.data ?? []).filter((s) => s.tier === "gold" && s.active);
  const site = gold[n % Math.max(1, gold.length)];
  if (!site) throw new Error(`no Gold site: ${JSON.stringify(sites.error)}`);
  return site;
}
