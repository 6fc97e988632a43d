import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { Random } from "@/server/seed/random";
import { createTestTenant } from "@/server/test/factories";
import { createAlert } from "./create-alert";
import { jobContext } from "../_core/system";
import { trainAlertModel } from "./train-model";
import { triageAlert } from "./triage";

/** 11:00 on a Wednesday in Chicago (the HQ's zone). */
const TRIAGED_AT = new Date("2026-12-02T17:00:00Z");

describe("alert model training", () => {
  it("falls back to the heuristic with too few labels, then trains on a real pattern and scores with it", async () => {
    const t = await createTestTenant("model");
    expect(
      await trainAlertModel(jobContext(t.tenant.id, "train-models"), TRIAGED_AT),
    ).toMatchObject({
      outcome: "too few labels",
      samples: 0,
    });

    // 400 resolved alerts where critical ones are real and low ones are not, whatever
    // their type: type and severity vary independently, so the pattern is the severity's
    // alone (when they moved together, which one the model credited varied run to run)
    const r = new Random(7);
    const rows = Array.from({ length: 400 }, (_, i) => {
      const severe = r.chance(0.5);
      const real = r.chance(severe ? 0.85 : 0.1);
      return {
        tenantId: t.tenant.id,
        clientId: t.clients.gold.id,
        siteId: t.sites[0]?.id ?? "",
        type: r.chance(0.5) ? ("INTRUSION" as const) : ("LOW_BATTERY" as const),
        severity: severe ? ("critical" as const) : ("low" as const),
        title: "seeded",
        source: "system" as const,
        fingerprint: `model-${i}`,
        status: "resolved" as const,
        firstSeenAt: new Date(TRIAGED_AT.getTime() - (i + 1) * 3600_000),
        lastSeenAt: new Date(TRIAGED_AT.getTime() - (i + 1) * 3600_000),
        resolvedAt: new Date(TRIAGED_AT.getTime() - i * 3600_000),
        resolution: real ? ("manual" as const) : ("false_alarm" as const),
      };
    });
    await db.insert(schema.alerts).values(rows);
    const trained = await trainAlertModel(jobContext(t.tenant.id, "train-models"), TRIAGED_AT);
    expect(trained).toMatchObject({ outcome: "trained", version: 1, samples: 400 });
    expect((trained as { auc: number }).auc).toBeGreaterThan(0.75);
    const [stored] = await db
      .select()
      .from(schema.priorityModels)
      .where(eq(schema.priorityModels.tenantId, t.tenant.id));
    expect(stored).toMatchObject({ version: 1, usable: true, sampleSize: 400 });

    const { id } = await createAlert(
      jobContext(t.tenant.id, "test"),
      {
        siteId: t.sites[0]?.id ?? "",
        type: "INTRUSION",
        severity: "critical",
        title: "Door forced",
        description: "",
        source: "manual",
      },
      TRIAGED_AT,
    );
    const result = await triageAlert(
      jobContext(t.tenant.id, "triage-alert"),
      { alertId: id },
      TRIAGED_AT,
    );
    expect(result).toMatchObject({ outcome: "scored", scoredBy: "model v1" });
    const [row] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, id));
    expect(row?.score).toBeGreaterThan(60);
    expect(row?.scoreFactors?.[0]?.label).toBe("Severity");
  });
});
