import { describe, expect, it } from "vitest";
import { createTestTenant } from "@/server/test/factories";
import { jobContext } from "../_core/system";
import { TierRequiredError } from "../_core/errors";
import { clientIdsWithFeature, requireFeature } from "./feature-gate";

describe("feature gate", () => {
  it("lets jobs skip clients whose tier lacks a feature and names the tier when refusing", async () => {
    const t = await createTestTenant("tiers");
    const ctx = jobContext(t.tenant.id, "test");
    expect(await clientIdsWithFeature(ctx, "alertTriage")).toHaveLength(2);
    expect(await clientIdsWithFeature(ctx, "slaBreachPrevention")).toEqual([t.clients.gold.id]);
    await expect(requireFeature(ctx, t.clients.gold.id, "soarPlaybooks")).resolves.toBeUndefined();
    const err = await requireFeature(ctx, t.clients.bronze.id, "slaBreachPrevention").catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TierRequiredError);
    expect((err as Error).message).toBe(
      "SLA breach prevention needs the Silver plan or higher; Bronze Client is on Bronze",
    );
  });
});
