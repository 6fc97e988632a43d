import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { createAlert } from "@/server/services/noc/create-alert";
import { triageAlert } from "@/server/services/noc/triage";
import { createTestDevice } from "@/server/test/devices";
import { createTestTenant } from "@/server/test/factories";

const NOW = new Date("2026-12-02T15:00:00Z");

describe("NOC triage's device factor", () => {
  it("adds points for a poorly device (it was always null before), none for a healthy one or none", async () => {
    const t = await createTestTenant("dev-triage");
    const sick = await createTestDevice(t, { site: 0, kind: "camera" });
    const fine = await createTestDevice(t, { site: 0, kind: "camera" });
    await db.insert(schema.deviceHealth).values([
      { deviceId: sick.id, tenantId: t.tenant.id, score: 20, scoredAt: NOW },
      { deviceId: fine.id, tenantId: t.tenant.id, score: 96, scoredAt: NOW },
    ]);
    const ctx = jobContext(t.tenant.id, "test");
    const factorOf = async (deviceId: string | undefined, fingerprint: string) => {
      const { id } = await createAlert(
        ctx,
        {
          siteId: t.sites[0]?.id ?? "",
          type: "DEVICE_FAILURE",
          severity: "medium",
          title: fingerprint,
          description: "",
          deviceId,
          fingerprint,
          source: "device",
        },
        NOW,
      );
      await triageAlert(jobContext(t.tenant.id, "triage-alert"), { alertId: id }, NOW);
      const [row] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, id));
      return row?.scoreFactors?.find((f) => f.key === "device");
    };
    // (100 − 20) / 100 × 6 points, rounded
    expect(await factorOf(sick.id, "sick")).toEqual({
      key: "device",
      label: "Device health 20",
      points: 5,
    });
    expect(await factorOf(fine.id, "fine")).toBeUndefined();
    expect(await factorOf(undefined, "none")).toBeUndefined();
  });
});
