import { randomUUID } from "node:crypto";
import { playbookDefinition, type PlaybookDefinitionInput } from "@/lib/schemas/playbooks";
import { db, schema } from "@/server/db";
import { createPlaybook } from "@/server/services/playbooks/manage";
import { startRunsForAlert } from "@/server/services/playbooks/start-runs";
import { jobContext } from "@/server/services/_core/system";
import { alertRow, ctxFor, type TestTenant } from "./factories";

/** A playbook saved and enabled by the tenant's admin, from a definition in the form's shape. */
export async function createTestPlaybook(
  t: TestTenant,
  definition: PlaybookDefinitionInput,
  name = `pb ${randomUUID().slice(0, 6)}`,
) {
  const admin = await ctxFor(t.users.admin);
  return createPlaybook(admin, {
    name,
    enabled: true,
    definition: playbookDefinition.parse(definition),
  });
}

/** A camera at the gold client's first site, offline unless told otherwise. */
export async function createTestDevice(t: TestTenant, online = false) {
  const site = t.sites[0];
  if (!site) throw new Error("no site");
  const [d] = await db
    .insert(schema.devices)
    .values({
      tenantId: t.tenant.id,
      clientId: site.clientId,
      siteId: site.id,
      kind: "camera",
      name: "Dock camera 3",
      serial: `cam-${randomUUID().slice(0, 8)}`,
      online,
      offlineSince: online ? null : new Date("2026-11-04T09:50:00Z"),
      lastBattery: 80,
    })
    .returning();
  if (!d) throw new Error("no device");
  return d;
}

/** An alert at the gold client's first site (scored, as triage would leave it). */
export async function createTestAlert<T extends object>(t: TestTenant, over: T, site = t.sites[0]) {
  if (!site) throw new Error("no site");
  const [a] = await db
    .insert(schema.alerts)
    .values(alertRow(site, { score: 70, scoredBy: "heuristic", ...over }))
    .returning();
  if (!a) throw new Error("no alert");
  return a;
}

/** What triage's event starts for an alert: the runs' ids. */
export async function startRuns(t: TestTenant, alertId: string, now: Date) {
  return startRunsForAlert(jobContext(t.tenant.id, "start-playbooks"), { alertId }, now);
}
