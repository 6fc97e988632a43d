import { inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { createTestTenant, type TestTenant } from "@/server/test/factories";
import { createTestPlaybook } from "@/server/test/playbooks";
import { jobContext } from "../_core/system";
import { createAlert } from "./create-alert";
import { triageAlert } from "./triage";

let t: TestTenant;
/** 11:00 on a Wednesday in Chicago. */
const NOW = new Date("2026-12-02T17:00:00Z");

beforeAll(async () => {
  t = await createTestTenant("triage-pb");
  await createTestPlaybook(t, {
    trigger: { alertTypes: ["DEVICE_OFFLINE"], minSeverity: "medium" },
    steps: [{ kind: "create_ticket", title: "Check {{alert.device}}", priority: "P3" }],
  });
});

/** Creates and triages an alert; whether triage asked for playbook starts (noc/alert.triaged). */
async function triaged(
  over: { type: "DEVICE_OFFLINE" | "LOW_BATTERY"; severity: "low" | "medium" },
  site = t.sites[0],
) {
  const ctx = jobContext(t.tenant.id, "test");
  const { id } = await createAlert(
    ctx,
    {
      siteId: site?.id ?? "",
      title: `${over.type} ${over.severity}`,
      description: "",
      fingerprint: `${over.type}-${over.severity}-${site?.id}`,
      source: "api",
      ...over,
    },
    NOW,
  );
  expect(
    await triageAlert(jobContext(t.tenant.id, "triage-alert"), { alertId: id }, NOW),
  ).toMatchObject({
    outcome: "scored",
  });
  const events = await db
    .select({ name: schema.eventOutbox.name })
    .from(schema.eventOutbox)
    .where(inArray(schema.eventOutbox.id, [`alert-triaged-${id}`]));
  return events.map((e) => e.name);
}

describe("triage asks for playbook starts only when a trigger matches", () => {
  it("asks for an alert an enabled playbook's trigger matches, at a gold client", async () => {
    expect(await triaged({ type: "DEVICE_OFFLINE", severity: "medium" })).toEqual([
      "noc/alert.triaged",
    ]);
  });

  it("does not ask for an alert of another type, or below the trigger's severity", async () => {
    expect(await triaged({ type: "LOW_BATTERY", severity: "medium" })).toEqual([]);
    expect(await triaged({ type: "DEVICE_OFFLINE", severity: "low" })).toEqual([]);
  });

  it("does not ask for a client whose plan lacks playbooks", async () => {
    const bronzeSite = t.sites.find((s) => s.clientId === t.clients.bronze.id);
    expect(bronzeSite).toBeDefined();
    expect(await triaged({ type: "DEVICE_OFFLINE", severity: "medium" }, bronzeSite)).toEqual([]);
  });
});
