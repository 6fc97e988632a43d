import { beforeAll, describe, expect, it } from "vitest";
import type { RESOLUTIONS } from "@/lib/noc";
import { db, schema } from "@/server/db";
import {
  alertRow,
  callerFor,
  createTestGroup,
  createTestTenant,
  type TestTenant,
} from "@/server/test/factories";

type Site = TestTenant["sites"][number];
type Resolution = (typeof RESOLUTIONS)[number];

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** An alert of `site` resolved `ago` ms before now (or still open when `ago` is null). */
function resolvedAlert(
  site: Site,
  resolution: Resolution | null,
  ago: number | null,
  assignedGroupId: string | null = null,
) {
  const at = new Date(Date.now() - (ago ?? 0));
  return alertRow(site, {
    source: "system" as const,
    assignedGroupId,
    firstSeenAt: new Date(at.getTime() - HOUR),
    lastSeenAt: new Date(at.getTime() - HOUR),
    ...(ago === null
      ? { status: "new" as const }
      : { status: "resolved" as const, resolvedAt: at, resolution }),
  });
}

/** One alert at `site` resolved a day ago per resolution listed. */
const resolvedAt = (site: Site, ...resolutions: Resolution[]) =>
  resolutions.map((r) => resolvedAlert(site, r, DAY));

let t: TestTenant;
let other: TestTenant;
let hq: Site, depot: Site, store: Site, annex: Site, yard: Site;
let groupId: string;
const place = { timeZone: "America/Chicago", latitude: 41.88, longitude: -87.63 };

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant("fa"), createTestTenant("fa-other")]);
  [hq, depot, store] = t.sites as [Site, Site, Site];
  [annex, yard] = (await db
    .insert(schema.sites)
    .values([
      { ...place, tenantId: t.tenant.id, clientId: t.clients.gold.id, name: "Gold Annex" },
      { ...place, tenantId: t.tenant.id, clientId: t.clients.bronze.id, name: "Bronze Yard" },
    ])
    .returning()) as [Site, Site];
  groupId = await createTestGroup(t, "Security Team", [t.users.specialist]);

  const [otherHq, otherDepot] = other.sites as [Site, Site];
  await db.insert(schema.alerts).values([
    // Gold HQ: 10 in the window, 5 false (false alarms and duplicates). The one resolved 30
    // days less an hour ago is in; the open alert is not resolved, so not counted.
    ...resolvedAt(hq, "false_alarm", "false_alarm", "false_alarm", "duplicate"),
    ...resolvedAt(hq, "manual", "manual", "manual", "auto", "auto"),
    resolvedAlert(hq, "false_alarm", 30 * DAY - HOUR),
    resolvedAlert(hq, null, null),
    // Gold Depot: exactly 5 in the window, 3 false. The false alarm resolved 30 days and an
    // hour ago is out: with it Depot would lead at 4 of 6.
    ...resolvedAt(depot, "false_alarm", "duplicate", "false_alarm", "manual", "manual"),
    resolvedAlert(depot, "false_alarm", 30 * DAY + HOUR),
    // Bronze Store: 4 of 4 false in the window; the fifth is 31 days old, so not ranked.
    ...resolvedAt(store, "false_alarm", "false_alarm", "duplicate", "false_alarm"),
    resolvedAlert(store, "false_alarm", 31 * DAY),
    // Gold Annex: 2 false of 8. Bronze Yard: none of 5.
    ...resolvedAt(annex, "false_alarm", "duplicate", "manual", "manual", "manual", "manual"),
    ...resolvedAt(annex, "auto", "auto"),
    ...resolvedAt(yard, "manual", "manual", "manual", "auto", "auto"),
    // routed to the specialist's group: 5 at HQ of which 4 false, 3 at Annex of which 1 false
    ...(["false_alarm", "false_alarm", "duplicate", "false_alarm", "manual"] as const).map((r) =>
      resolvedAlert(hq, r, 2 * DAY, groupId),
    ),
    ...(["false_alarm", "manual", "manual"] as const).map((r) =>
      resolvedAlert(annex, r, 2 * DAY, groupId),
    ),
    // the other tenant: all false alarms, at its own sites
    ...Array.from({ length: 6 }, () => resolvedAlert(otherHq, "false_alarm", DAY)),
    ...resolvedAt(otherDepot, "false_alarm", "manual", "manual", "manual", "manual"),
  ]);
});

const row = (site: Site, client: string, resolved: number, falseAlarms: number) => ({
  siteId: site.id,
  siteName: site.name,
  clientName: client,
  resolved,
  falseAlarms,
  rate: falseAlarms / resolved,
});

describe("false-alarm rates by site", () => {
  it("ranks sites with 5+ resolved alerts in 30 days by rate, then false alarms", async () => {
    // with the routed alerts: HQ 9 of 15 and Depot 3 of 5 tie at 60%, HQ has more false
    // alarms; Annex 3 of 11; Bronze Store (4 resolved) is not ranked
    const expected = [
      row(hq, "Gold Client", 15, 9),
      row(depot, "Gold Client", 5, 3),
      row(annex, "Gold Client", 11, 3),
      row(yard, "Bronze Client", 5, 0),
    ];
    const op = callerFor(t.users.noc_operator);
    expect(await op.alert.falseAlarmRates()).toEqual(expected);
    expect(await callerFor(t.users.admin).alert.falseAlarmRates({ limit: 50 })).toEqual(expected);
    expect(await callerFor(t.users.supervisor).alert.falseAlarmRates()).toEqual(expected);
    expect(await op.alert.falseAlarmRates({ limit: 2 })).toEqual(expected.slice(0, 2));
    expect(expected.map((r) => r.rate)).toEqual([0.6, 0.6, 3 / 11, 0]);
  });

  it("counts for a specialist only the alerts routed to their groups", async () => {
    expect(await callerFor(t.users.specialist).alert.falseAlarmRates()).toEqual([
      row(hq, "Gold Client", 5, 4),
    ]);
  });

  it("gives the same rate in an alert's detail panel, a specialist's from their groups' alerts", async () => {
    const [open] = await db
      .insert(schema.alerts)
      .values(resolvedAlert(hq, null, null, groupId))
      .returning({ id: schema.alerts.id });
    const id = open?.id ?? "";
    expect((await callerFor(t.users.noc_operator).alert.get({ id })).falseAlarm).toEqual({
      resolved: 15,
      falseAlarms: 9,
      rate: 0.6,
    });
    expect((await callerFor(t.users.specialist).alert.get({ id })).falseAlarm).toEqual({
      resolved: 5,
      falseAlarms: 4,
      rate: 0.8,
    });
  });

  it("never counts or shows another tenant's alerts", async () => {
    const [otherHq, otherDepot] = other.sites as [Site, Site];
    expect(await callerFor(other.users.noc_operator).alert.falseAlarmRates()).toEqual([
      row(otherHq, "Gold Client", 6, 6),
      row(otherDepot, "Gold Client", 5, 1),
    ]);
  });

  it("counts an alert once an operator resolves it as a false alarm", async () => {
    const [open] = await db
      .insert(schema.alerts)
      .values(resolvedAlert(store, null, null))
      .returning({ id: schema.alerts.id });
    const op = callerFor(t.users.noc_operator);
    expect((await op.alert.falseAlarmRates()).map((r) => r.siteId)).not.toContain(store.id);
    await op.alert.resolve({ ids: [open?.id ?? ""], resolution: "false_alarm" });
    expect((await op.alert.falseAlarmRates())[0]).toEqual(row(store, "Bronze Client", 5, 5));
  });

  it("is refused to site managers, executives and anonymous callers; limit is 1 to 50", async () => {
    for (const user of [t.users.site_manager, t.users.executive])
      await expect(callerFor(user).alert.falseAlarmRates()).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    await expect(callerFor(null).alert.falseAlarmRates()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const op = callerFor(t.users.noc_operator);
    for (const limit of [0, 51, 2.5])
      await expect(op.alert.falseAlarmRates({ limit })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
  });
});
