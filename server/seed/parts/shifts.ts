import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { schema } from "@/server/db";
import { hashPassword } from "@/server/services/auth/password";
import { jobContext } from "@/server/services/_core/system";
import { materialiseSchedule } from "@/server/services/shifts/materialise";
import { addDays, localDay, shiftInstants } from "@/server/services/shifts/schedule";
import { DEMO_PASSWORD } from "../logins";
import type { SeedContext, SeedPart } from "../types";
import { BLUEFIN_GUARDS, DEMO_GUARD, NORTHWIND_GUARDS } from "./shifts-data";
import { demoGuardOnDuty } from "./shifts-demo-guard";
import {
  DAY,
  HISTORY_DAYS,
  type HistoryShift,
  insertChunks,
  playHistory,
  sitesOf,
} from "./shifts-history";
import { largeShifts } from "./shifts-large";
import { ROSTER } from "./shifts-roster-data";
import { seedTours } from "./shifts-tours";

const emailOf = (name: string, domain: string) =>
  `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@${domain}`;

async function seedTenantShifts(
  ctx: SeedContext,
  slug: string,
  guardNames: string[],
  hash: string,
  now: Date,
) {
  const tenantId = ctx.tenants.get(slug);
  if (!tenantId) return;
  const { db, random } = ctx;
  const sites = await sitesOf(db, tenantId);
  const emailFor = (name: string) =>
    name === DEMO_GUARD.name ? DEMO_GUARD.email : emailOf(name, `${slug}.test`);
  // the demo guard is a demo login: the platform part has made him already (logins.ts)
  const existing = await db
    .select({ id: schema.users.id, name: schema.users.name })
    .from(schema.users)
    .where(
      and(
        eq(schema.users.tenantId, tenantId),
        inArray(schema.users.email, guardNames.map(emailFor)),
      ),
    );
  const made = new Set(existing.map((g) => g.name));
  const fresh = guardNames.filter((name) => !made.has(name));
  const guards = [
    ...existing,
    ...(fresh.length
      ? await db
          .insert(schema.users)
          .values(
            fresh.map((name) => ({
              tenantId,
              name,
              email: emailFor(name),
              role: "guard" as const,
              passwordHash: hash,
            })),
          )
          .returning({ id: schema.users.id, name: schema.users.name })
      : []),
  ];
  const guardId = new Map(guards.map((g) => [g.name, g.id]));
  const rosterStart = addDays(localDay("UTC", now), -(HISTORY_DAYS + 5));
  const history: HistoryShift[] = [];
  const guardOf = new Map<string, string | null>();
  const events: (typeof schema.attendanceEvents.$inferInsert)[] = [];
  const findings: (typeof schema.shiftFindings.$inferInsert)[] = [];
  for (const [siteName, slots] of Object.entries(ROSTER)) {
    const site = sites.get(siteName);
    if (!site) continue;
    const posts = await db
      .insert(schema.posts)
      .values(
        [...new Set(slots.map((s) => s.post))].map((name) => ({ tenantId, siteId: site.id, name })),
      )
      .returning({ id: schema.posts.id, name: schema.posts.name });
    const postId = new Map(posts.map((p) => [p.name, p.id]));
    for (const slot of slots) {
      const [template] = await db
        .insert(schema.shiftTemplates)
        .values({
          tenantId,
          siteId: site.id,
          postId: postId.get(slot.post) ?? "",
          name: slot.name,
          days: slot.days,
          startTime: slot.start,
          endTime: slot.end,
          effectiveFrom: rosterStart,
        })
        .returning({ id: schema.shiftTemplates.id });
      if (!template) throw new Error("seed: template");
      const guard = slot.guard ? (guardId.get(slot.guard) ?? null) : null;
      if (guard)
        await db.insert(schema.shiftAssignments).values({
          tenantId,
          templateId: template.id,
          guardId: guard,
          startsOn: rosterStart,
          endsOn:
            slot.endsInDays === undefined
              ? null
              : addDays(localDay(site.timeZone, now), slot.endsInDays),
        });
      const today = localDay(site.timeZone, now);
      for (let d = -HISTORY_DAYS; d <= 0; d++) {
        const day = addDays(today, d);
        const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
        if (!slot.days.includes(weekday)) continue;
        const { startsAt, endsAt } = shiftInstants(day, slot.start, slot.end, site.timeZone);
        if (startsAt > now) continue; // materialisation makes the rest
        const shift: HistoryShift = {
          id: randomUUID(),
          tenantId,
          clientId: site.clientId,
          siteId: site.id,
          postId: postId.get(slot.post) ?? "",
          templateId: template.id,
          guardId: guard,
          localDate: day,
          startsAt,
          endsAt,
          confirmedAt: guard ? new Date(startsAt.getTime() - 3 * DAY) : null,
          createdAt: new Date(startsAt.getTime() - 14 * DAY),
          updatedAt: new Date(startsAt.getTime() - 14 * DAY),
        };
        const played = playHistory(random, site, shift, slot.guard, now);
        history.push(shift);
        guardOf.set(shift.id, guard);
        events.push(...played.events);
        findings.push(...played.findings);
      }
    }
  }
  await insertChunks(history, (c) => db.insert(schema.shifts).values(c));
  await insertChunks(events, (c) => db.insert(schema.attendanceEvents).values(c));
  await insertChunks(findings, (c) => db.insert(schema.shiftFindings).values(c));
  const rounds = await seedTours(ctx, tenantId, sites, history, now);
  const built = await materialiseSchedule(jobContext(tenantId, "demo-seed", db), {}, now);
  const gus = guardId.get(DEMO_GUARD.name);
  const hub = sites.get(DEMO_GUARD.site);
  if (gus && hub) await demoGuardOnDuty(db, tenantId, hub, gus, now);
  // most guards have confirmed their next few days; the rest show as a coverage risk
  await db.execute(sql`
    update shifts set confirmed_at = ${now.toISOString()}::timestamptz
    where tenant_id = ${tenantId} and guard_id is not null and confirmed_at is null
      and starts_at > ${now.toISOString()}::timestamptz and starts_at < ${now.toISOString()}::timestamptz + interval '3 days'
      and abs(hashtext(guard_id::text || local_date::text)) % 10 < 8`);
  ctx.log(
    `shifts: ${slug}: ${guards.length} guards, ${history.length} past shifts (${findings.length} findings), ${built.created} ahead, ${rounds} past tour rounds`,
  );
}

export const shiftsPart: SeedPart = {
  name: "shifts",
  async demo(ctx) {
    const now = new Date();
    // every demo guard signs in with the demo password (one hash: scrypt is slow on purpose)
    const hash = await hashPassword(DEMO_PASSWORD);
    await seedTenantShifts(ctx, "northwind", [DEMO_GUARD.name, ...NORTHWIND_GUARDS], hash, now);
    await seedTenantShifts(ctx, "bluefin", BLUEFIN_GUARDS, hash, now);
  },
  large: largeShifts,
};
