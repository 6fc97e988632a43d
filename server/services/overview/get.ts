import "server-only";
import { can } from "@/lib/permissions";
import type { Rag } from "@/lib/scorecards";
import type { ServiceCtx, UserActor } from "../_core/context";
import { fleetSummary } from "../devices/fleet";
import { scorecardGrid } from "../scorecards/queries";
import { slaCounts } from "../sla/queries";
import { alertSection, shiftSection, workOrderSection } from "./sections";

/**
 * The start page's numbers to act on, one section per capability the user has (lib/permissions),
 * each scoped as the page it links to is: the NOC queue (alert.view), SLA risks (ticket.view),
 * work orders (workOrder.manage), today's shifts (shifts.view), last month's scorecards
 * (scorecard.view) and devices (device.view). A section the role lacks is absent, not zero.
 */
export async function getOverview(ctx: ServiceCtx<UserActor>, now: Date) {
  const role = ctx.actor.role;
  const [alerts, sla, workOrders, shifts, scorecards, devices] = await Promise.all([
    can(role, "alert.view") ? alertSection(ctx, now) : null,
    can(role, "ticket.view") ? slaCounts(ctx, now) : null,
    can(role, "workOrder.manage") ? workOrderSection(ctx, now) : null,
    can(role, "shifts.view") ? shiftSection(ctx, now) : null,
    can(role, "scorecard.view") ? scorecardSection(ctx, now) : null,
    can(role, "device.view") ? deviceSection(ctx) : null,
  ]);
  return { alerts, sla, workOrders, shifts, scorecards, devices };
}

async function scorecardSection(ctx: ServiceCtx, now: Date) {
  const grid = await scorecardGrid(ctx, { months: 1 }, now);
  const rag: Record<Rag, number> = { red: 0, amber: 0, green: 0, none: 0 };
  let missing = 0;
  for (const c of grid.clients) {
    const cell = c.cells[0];
    if (cell?.overallRag) rag[cell.overallRag] += 1;
    else missing += 1;
  }
  const worst = grid.clients
    .filter((c) => c.cells[0]?.overallRag === "red")
    .map((c) => ({ clientId: c.id, name: c.name }))
    .slice(0, 5);
  return { month: grid.months[0] ?? null, clients: grid.clients.length, rag, missing, worst };
}

async function deviceSection(ctx: ServiceCtx) {
  const fleet = await fleetSummary(ctx, {});
  return { total: fleet.counts.total, offline: fleet.counts.offline, atRisk: fleet.counts.atRisk };
}
