import type { APIRequestContext } from "@playwright/test";
import { expect, trpcQuery } from "../fixtures";

type FleetRow = {
  id: string;
  name: string;
  probability: number | null;
  failureType: string | null;
};

/** A seeded device the hourly run predicts will fail (a DEVICE_FAILURE alert was raised for it). */
export async function failingDevice(request: APIRequestContext) {
  const fleet = await trpcQuery<{ worst: FleetRow[] }>(request, "device.fleet", {});
  expect(fleet.error).toBeUndefined();
  const device = fleet.data?.worst.find((d) => (d.probability ?? 0) >= 0.6);
  if (!device) throw new Error("the demo fleet has no device predicted to fail");
  return device;
}

/** The site and client ids of the demo data, by name. */
export async function siteNamed(request: APIRequestContext, name: string) {
  const sites = await trpcQuery<{ id: string; name: string; clientId: string }[]>(
    request,
    "site.list",
    {},
  );
  const site = sites.data?.find((s) => s.name === name);
  if (!site) throw new Error(`no site ${name}`);
  return site;
}
