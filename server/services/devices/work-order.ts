import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  FAILURE_TYPE_LABELS,
  KIND_PROFILES,
  RECOMMENDATIONS,
  workOrderTitle,
  type FailureType,
} from "@/lib/devices";
import { OPEN_WORK_ORDER_STATUSES, type WorkOrderPriority } from "@/lib/work-orders";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { ValidationError } from "../_core/errors";
import { inTx } from "../_core/tx";
import { createWorkOrder } from "../vendors/work-orders";
import { getDeviceInTenant } from "./detail";

const { deviceWorkOrders, workOrders } = schema;

const priorityFor = (p: number | null): WorkOrderPriority =>
  p === null ? "normal" : p >= 0.9 ? "urgent" : p >= 0.6 ? "high" : "normal";

/** What the vendor needs to know, as text for the description (the JSON is kept beside it). */
export function diagnosticsText(diag: ReturnType<typeof diagnosticsOf>): string {
  const d = diag.device;
  const lines = [
    `${KIND_PROFILES[d.kind].label} ${d.name}, ${d.model || "model unknown"}, serial ${d.serial}, at ${d.siteName}.`,
    `Recommended: ${diag.recommendation}.`,
    diag.prediction
      ? `Predicted ${FAILURE_TYPE_LABELS[diag.prediction.type].toLowerCase()} failure, ${Math.round(diag.prediction.probability * 100)} % within the hour: ${diag.prediction.explanation.map((e) => e.label).join("; ")}.`
      : "No current prediction.",
    diag.health?.score !== null && diag.health?.score !== undefined
      ? `Health score ${diag.health.score} (battery ${diag.health.components?.battery ?? "n/a"}, signal ${diag.health.components?.signal ?? "n/a"}, uptime ${diag.health.components?.uptime ?? "n/a"}, temperature ${diag.health.components?.temperature ?? "n/a"}).`
      : "",
    `Last reading ${d.lastSeenAt ? d.lastSeenAt.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never"}: ${d.online ? "online" : "offline"}, battery ${d.lastBattery ?? "n/a"} %, signal ${d.lastSignal ?? "n/a"} dBm, temperature ${d.lastTemperature ?? "n/a"} °C.`,
  ];
  return lines.filter(Boolean).join("\n");
}

function diagnosticsOf(d: Awaited<ReturnType<typeof getDeviceInTenant>>, type: FailureType) {
  return {
    device: {
      id: d.id,
      name: d.name,
      kind: d.kind,
      model: d.model,
      serial: d.serial,
      siteName: d.siteName,
      online: d.online,
      lastSeenAt: d.lastSeenAt,
      lastBattery: d.lastBattery,
      lastSignal: d.lastSignal,
      lastTemperature: d.lastTemperature,
    },
    health:
      d.score === null ? null : { score: d.score, components: d.components, scoredAt: d.scoredAt },
    prediction: d.prediction?.type === type ? d.prediction : null,
    recommendation: RECOMMENDATIONS[type],
  };
}

/**
 * One click from a recommendation: a work order at the device's site for the trade its kind
 * needs, titled with the recommendation, the diagnostics in its description and kept with
 * the link to the device (through the work-order service, so audit, scope and vendor
 * assignment apply). A second click while that order is open returns it instead.
 */
export async function createDeviceWorkOrder(
  ctx: ServiceCtx,
  input: { deviceId: string; type?: FailureType; vendorId?: string | null },
  now: Date,
) {
  const d = await getDeviceInTenant(ctx, input.deviceId);
  const type = input.type ?? d.prediction?.type;
  if (!type)
    throw new ValidationError(
      "type: this device has no current prediction; say which failure (battery, connectivity or device)",
      "type",
    );
  return inTx(ctx, async (tx) => {
    // two clicks at once create one order: the second waits here, then finds the first
    await tx.db.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`device-wo:${d.id}:${type}`}))`,
    );
    const [open] = await tx.db
      .select({ id: workOrders.id, number: workOrders.number })
      .from(deviceWorkOrders)
      .innerJoin(workOrders, eq(workOrders.id, deviceWorkOrders.workOrderId))
      .where(
        and(
          eq(deviceWorkOrders.tenantId, ctx.tenantId),
          eq(deviceWorkOrders.deviceId, d.id),
          eq(deviceWorkOrders.failureType, type),
          inArray(workOrders.status, [...OPEN_WORK_ORDER_STATUSES]),
        ),
      )
      .limit(1);
    if (open) return { workOrderId: open.id, number: open.number, created: false, warnings: [] };
    const diagnostics = diagnosticsOf(d, type);
    const wo = await createWorkOrder(
      tx,
      {
        siteId: d.siteId,
        title: workOrderTitle(type, d),
        description: diagnosticsText(diagnostics),
        category: KIND_PROFILES[d.kind].workOrderCategory,
        priority: priorityFor(diagnostics.prediction?.probability ?? null),
        vendorId: input.vendorId ?? null,
      },
      now,
    );
    await tx.db.insert(deviceWorkOrders).values({
      workOrderId: wo.id,
      tenantId: ctx.tenantId,
      deviceId: d.id,
      failureType: type,
      diagnostics: JSON.parse(JSON.stringify(diagnostics)) as Record<string, unknown>,
    });
    return { workOrderId: wo.id, number: wo.number, created: true, warnings: wo.warnings };
  });
}
