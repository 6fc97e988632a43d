import { and, eq, inArray } from "drizzle-orm";
import { playbookDefinition, type PlaybookDefinitionInput } from "@/lib/schemas/playbooks";
import { PLAYBOOK_FEATURE, tiersWith } from "@/lib/tiers";
import { schema } from "@/server/db";
import { isAfterHoursAt } from "@/server/services/noc/score";
import type { SeedContext, SeedPart } from "../types";

const M = 60_000;

/**
 * Northwind's three playbooks (playbooks.md) and a week of their runs: a camera that goes
 * offline is diagnosed, waited for and resolved (or ticketed to IoT Specialists); a fire alarm
 * calls Emergency Response and the supervisors and is never resolved by a playbook; an
 * intrusion at a gold site after hours waits for a supervisor's approval.
 */
async function demo(ctx: SeedContext) {
  const tenantId = ctx.tenants.get("northwind");
  if (!tenantId) return;
  const db = ctx.db;
  const groups = await db
    .select({ id: schema.groups.id, name: schema.groups.name })
    .from(schema.groups)
    .where(eq(schema.groups.tenantId, tenantId));
  const group = (name: string) => groups.find((g) => g.name === name)?.id;
  const [admin] = await db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.role, "admin")));
  const [supervisor] = await db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(and(eq(schema.users.tenantId, tenantId), eq(schema.users.role, "supervisor")));
  const iot = group("IoT Specialists");
  const emergency = group("Emergency Response");
  if (!admin || !supervisor || !iot || !emergency) return;
  const goldSites = await db
    .select({
      id: schema.sites.id,
      clientId: schema.sites.clientId,
      name: schema.sites.name,
      timeZone: schema.sites.timeZone,
    })
    .from(schema.sites)
    .innerJoin(schema.clients, eq(schema.clients.id, schema.sites.clientId))
    .where(
      and(
        eq(schema.sites.tenantId, tenantId),
        inArray(schema.clients.tier, tiersWith(PLAYBOOK_FEATURE)),
      ),
    )
    .orderBy(schema.sites.name);

  const camera: PlaybookDefinitionInput = {
    trigger: { alertTypes: ["DEVICE_OFFLINE"], minSeverity: "low" },
    maxRunsPerSiteHour: 5,
    steps: [
      { kind: "collect_diagnostics", lookbackHours: 24 },
      {
        kind: "wait_for_condition",
        condition: { kind: "device_online" },
        everyMinutes: 2,
        timeoutMinutes: 10,
        onTimeout: "continue",
      },
      {
        kind: "resolve_alert",
        runIf: "met",
        note: "{{alert.device}} came back online by itself",
      },
      {
        kind: "create_ticket",
        runIf: "timed_out",
        title: "{{alert.device}} offline at {{alert.site}}",
        body: "Offline since {{alert.firstSeenAt}} and not back after 10 minutes. {{alert.url}}",
        priority: "P3",
      },
      { kind: "assign", runIf: "timed_out", groupId: iot },
    ],
  };
  const fire: PlaybookDefinitionInput = {
    trigger: { alertTypes: ["FIRE_ALARM"], minSeverity: "high" },
    maxRunsPerSiteHour: 20,
    steps: [
      {
        kind: "notify",
        channels: ["in_app", "email", "slack"],
        recipients: { groupIds: [emergency] },
        subject: "FIRE ALARM at {{alert.site}}: {{alert.title}}",
        body: "{{alert.client}} · {{alert.site}} · first seen {{alert.firstSeenAt}}. Open: {{alert.url}}",
      },
      { kind: "escalate", reason: "Fire alarm: supervisors take over" },
      { kind: "collect_diagnostics", lookbackHours: 6 },
    ],
  };
  const intrusion: PlaybookDefinitionInput = {
    trigger: {
      alertTypes: ["INTRUSION", "SECURITY_BREACH"],
      minSeverity: "high",
      minScore: 60,
      siteIds: goldSites.slice(0, 3).map((s) => s.id),
      afterHoursOnly: true,
    },
    requiresApproval: true,
    maxRunsPerSiteHour: 3,
    steps: [
      { kind: "assign", groupId: group("Security Team") ?? emergency },
      {
        kind: "create_ticket",
        title: "After-hours intrusion at {{alert.site}}",
        body: "{{alert.title}} (score {{alert.score}}). {{alert.url}}",
        priority: "P1",
      },
      {
        kind: "notify",
        channels: ["in_app", "email"],
        recipients: { userIds: [supervisor.id] },
        subject: "Intrusion response started at {{alert.site}}",
        body: "A guard patrol was requested for {{alert.title}}.",
      },
    ],
  };

  const now = Date.now();
  const made: { id: string; versionId: string; name: string }[] = [];
  for (const [name, def] of [
    ["Camera offline: diagnose, wait, resolve or ticket", camera],
    ["Fire alarm: call Emergency Response, escalate", fire],
    ["After-hours intrusion at gold sites (approval)", intrusion],
  ] as const) {
    const definition = playbookDefinition.parse(def);
    const [pb] = await db
      .insert(schema.playbooks)
      .values({ tenantId, name, enabled: true, createdBy: admin.id, updatedBy: admin.id })
      .returning({ id: schema.playbooks.id });
    if (!pb) continue;
    const [v] = await db
      .insert(schema.playbookVersions)
      .values({ tenantId, playbookId: pb.id, version: 1, definition, createdBy: admin.id })
      .returning({ id: schema.playbookVersions.id });
    if (v) made.push({ id: pb.id, versionId: v.id, name });
  }

  // a week of history: resolved alerts with their finished runs
  const history = async (
    pb: (typeof made)[number] | undefined,
    type: "DEVICE_OFFLINE" | "FIRE_ALARM" | "INTRUSION",
    n: number,
    outcome: (i: number) => "auto" | "ticket" | "escalated" | "rejected",
  ) => {
    if (!pb) return;
    for (let i = 0; i < n; i++) {
      const site = goldSites[i % goldSites.length];
      if (!site) return;
      let seen = new Date(now - (i + 1) * 13 * 60 * M);
      // the intrusion playbook answers only after hours at the site
      while (type === "INTRUSION" && !isAfterHoursAt(site.timeZone, seen))
        seen = new Date(seen.getTime() - 60 * M);
      const how = outcome(i);
      const took = how === "auto" ? 6 + (i % 4) : 45 + ((i * 7) % 60);
      const [alert] = await db
        .insert(schema.alerts)
        .values({
          tenantId,
          clientId: site.clientId,
          siteId: site.id,
          type,
          severity: type === "DEVICE_OFFLINE" ? "medium" : "critical",
          title:
            type === "DEVICE_OFFLINE"
              ? `Camera ${(i % 6) + 1} offline`
              : type === "FIRE_ALARM"
                ? "Fire panel zone 3 alarm"
                : "Door forced, loading dock",
          source: "device",
          fingerprint: `playbook-demo-${type}-${i}`,
          score: type === "DEVICE_OFFLINE" ? 45 : 88,
          scoredBy: "heuristic",
          triagedAt: seen,
          status: "resolved",
          firstSeenAt: seen,
          lastSeenAt: seen,
          acknowledgedAt: new Date(seen.getTime() + 3 * M),
          resolvedAt: new Date(seen.getTime() + took * M),
          resolution: how === "auto" ? "auto" : "manual",
          resolutionNote:
            how === "auto" ? `Camera came back online by itself — signal: back online` : null,
        })
        .returning({ id: schema.alerts.id });
      if (!alert) continue;
      const start = new Date(seen.getTime() + 4_000);
      const [run] = await db
        .insert(schema.playbookRuns)
        .values({
          tenantId,
          playbookId: pb.id,
          versionId: pb.versionId,
          version: 1,
          alertId: alert.id,
          clientId: site.clientId,
          siteId: site.id,
          status: how === "rejected" ? "rejected" : "succeeded",
          createdAt: seen,
          startedAt: how === "rejected" ? null : start,
          finishedAt: new Date(seen.getTime() + Math.min(took, 12) * M),
          resolvedAlert: how === "auto",
          ...(how === "rejected"
            ? {
                rejectedBy: supervisor.id,
                rejectedAt: new Date(seen.getTime() + 2 * M),
                decidedVia: "app",
              }
            : type === "INTRUSION"
              ? {
                  approvedBy: supervisor.id,
                  approvedAt: new Date(seen.getTime() + 2 * M),
                  decidedVia: "email link",
                }
              : {}),
        })
        .returning({ id: schema.playbookRuns.id });
      if (!run || how === "rejected") continue;
      const kinds = playbookDefinition
        .parse(type === "DEVICE_OFFLINE" ? camera : type === "FIRE_ALARM" ? fire : intrusion)
        .steps.map((s) => s);
      await db.insert(schema.playbookStepResults).values(
        kinds.map((s, index) => {
          const skipped =
            (s.runIf === "met" && how !== "auto") || (s.runIf === "timed_out" && how === "auto");
          const at = new Date(start.getTime() + index * 2 * M);
          return {
            tenantId,
            runId: run.id,
            stepIndex: index,
            kind: s.kind,
            status: skipped
              ? ("skipped" as const)
              : s.kind === "wait_for_condition" && how !== "auto"
                ? ("timed_out" as const)
                : ("succeeded" as const),
            attempt: s.kind === "wait_for_condition" ? (how === "auto" ? 3 : 6) : 1,
            startedAt: at,
            finishedAt: new Date(at.getTime() + (s.kind === "wait_for_condition" ? 6 * M : 2_000)),
            output:
              s.kind === "wait_for_condition"
                ? { met: how === "auto", summary: how === "auto" ? "back online" : "still offline" }
                : skipped
                  ? { skipped: "not this branch" }
                  : {},
          };
        }),
      );
    }
  };
  // 14 camera runs (9 resolved on their own), 3 fire alarms, 4 intrusions (1 rejected)
  await history(made[0], "DEVICE_OFFLINE", 14, (i) => (i % 3 === 2 ? "ticket" : "auto"));
  await history(made[1], "FIRE_ALARM", 3, () => "escalated");
  await history(made[2], "INTRUSION", 4, (i) => (i === 1 ? "rejected" : "escalated"));
  ctx.log(`playbooks: ${made.length} for Northwind with a week of runs`);
}

export const playbooksPart: SeedPart = { name: "playbooks", demo };
