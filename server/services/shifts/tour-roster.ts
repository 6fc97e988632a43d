import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { checkpointScanPath } from "@/lib/shifts";
import type {
  checkpointCreateInput,
  checkpointReorderInput,
  checkpointUpdateInput,
  rosterListInput,
  tourCreateInput,
  tourUpdateInput,
} from "@/lib/schemas/shifts";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { ValidationError } from "../_core/errors";
import { requireActorCan, siteScopeFilter } from "../_core/scope";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { getCheckpointInTenant, getTourInTenant, shiftSite } from "./access";
import { changedInput } from "./changes";
import { requestRebuild } from "./events";
import { rawRows } from "@/server/db/raw";

const { tours, tourCheckpoints, sites } = schema;

const manage = (ctx: ServiceCtx) =>
  requireActorCan(ctx, "shifts.manage", "Your role cannot change guard tours");

/** 256 random bits, URL-safe: a checkpoint's QR token. */
export function newCheckpointToken(): string {
  return randomBytes(32).toString("base64url");
}

const hhmm = (t: string) => t.slice(0, 5);

/** A site's tours with their checkpoints in order, tokens and scan paths (for printing codes). */
export async function listTours(ctx: ServiceCtx, input: z.output<typeof rosterListInput>) {
  const rows = await ctx.db
    .select({
      id: tours.id,
      siteId: tours.siteId,
      siteName: sites.name,
      name: tours.name,
      critical: tours.critical,
      days: tours.days,
      windowStart: tours.windowStart,
      windowEnd: tours.windowEnd,
      everyMinutes: tours.everyMinutes,
      active: tours.active,
    })
    .from(tours)
    .innerJoin(sites, eq(sites.id, tours.siteId))
    .where(
      and(
        eq(tours.tenantId, ctx.tenantId),
        input.siteId ? eq(tours.siteId, input.siteId) : undefined,
        siteScopeFilter(ctx, tours.siteId),
      ),
    )
    .orderBy(asc(sites.name), asc(tours.name));
  const checkpoints = rows.length
    ? await ctx.db
        .select()
        .from(tourCheckpoints)
        .where(
          and(
            eq(tourCheckpoints.tenantId, ctx.tenantId),
            inArray(
              tourCheckpoints.tourId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(tourCheckpoints.seq))
    : [];
  return rows.map((t) => ({
    ...t,
    windowStart: hhmm(t.windowStart),
    windowEnd: hhmm(t.windowEnd),
    checkpoints: checkpoints
      .filter((c) => c.tourId === t.id)
      .map((c) => ({
        id: c.id,
        seq: c.seq,
        name: c.name,
        location: c.location,
        latitude: c.latitude,
        longitude: c.longitude,
        toleranceMinutes: c.toleranceMinutes,
        active: c.active,
        token: c.token,
        scanPath: checkpointScanPath(c.token),
      })),
  }));
}

async function changed(tx: ServiceCtx, siteId: string, audit: Parameters<typeof recordAudit>[1]) {
  await recordAudit(tx, audit);
  await publish(tx, "shift", null);
  await requestRebuild(tx, [siteId]);
}

export async function createTour(ctx: ServiceCtx, input: z.output<typeof tourCreateInput>) {
  manage(ctx);
  return inTx(ctx, async (tx) => {
    const site = await shiftSite(tx, input.siteId);
    const [row] = await tx.db
      .insert(tours)
      .values({ tenantId: ctx.tenantId, ...input, siteId: site.id, days: [...input.days].sort() })
      .returning({ id: tours.id });
    if (!row) throw new Error("tour not created");
    await changed(tx, site.id, {
      action: "tour.create",
      entityType: "tour",
      entityId: row.id,
      after: { ...input },
    });
    return row;
  });
}

export async function updateTour(ctx: ServiceCtx, input: z.output<typeof tourUpdateInput>) {
  manage(ctx);
  return inTx(ctx, async (tx) => {
    const t = await getTourInTenant(tx, input.id);
    const current: Record<string, unknown> = {
      ...t,
      windowStart: hhmm(t.windowStart),
      windowEnd: hhmm(t.windowEnd),
    };
    const {
      before,
      after,
      changed: any,
    } = changedInput(current, {
      ...input,
      days: input.days ? [...input.days].sort() : undefined,
    });
    if (!any) return { changed: [] as string[] };
    await tx.db.update(tours).set(after).where(eq(tours.id, t.id));
    await changed(tx, t.siteId, {
      action: "tour.update",
      entityType: "tour",
      entityId: t.id,
      before,
      after,
    });
    return { changed: Object.keys(after) };
  });
}

export async function addCheckpoint(
  ctx: ServiceCtx,
  input: z.output<typeof checkpointCreateInput>,
) {
  manage(ctx);
  return inTx(ctx, async (tx) => {
    const tour = await getTourInTenant(tx, input.tourId);
    if ((input.latitude == null) !== (input.longitude == null))
      throw new ValidationError(
        "longitude: Give both latitude and longitude, or neither",
        "longitude",
      );
    const [{ next } = { next: 1 }] = await rawRows<{
      next: number;
    }>(
      tx.db,
      sql`
      select coalesce(max(seq), 0) + 1 as next from tour_checkpoints where tour_id = ${tour.id}`,
    );
    const token = newCheckpointToken();
    const [row] = await tx.db
      .insert(tourCheckpoints)
      .values({
        tenantId: ctx.tenantId,
        tourId: tour.id,
        siteId: tour.siteId,
        seq: Number(next),
        name: input.name,
        location: input.location,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        toleranceMinutes: input.toleranceMinutes,
        token,
      })
      .returning({ id: tourCheckpoints.id });
    if (!row) throw new Error("checkpoint not created");
    await recordAudit(tx, {
      action: "checkpoint.create",
      entityType: "checkpoint",
      entityId: row.id,
      after: { tourId: tour.id, name: input.name },
    });
    await publish(tx, "shift", null);
    return { id: row.id, token, scanPath: checkpointScanPath(token) };
  });
}

export async function updateCheckpoint(
  ctx: ServiceCtx,
  input: z.output<typeof checkpointUpdateInput>,
) {
  manage(ctx);
  return inTx(ctx, async (tx) => {
    const c = await getCheckpointInTenant(tx, input.id);
    const lat = input.latitude === undefined ? c.latitude : input.latitude;
    const lon = input.longitude === undefined ? c.longitude : input.longitude;
    if ((lat == null) !== (lon == null))
      throw new ValidationError(
        "longitude: Give both latitude and longitude, or neither",
        "longitude",
      );
    const { before, after, changed: any } = changedInput(c, input);
    if (!any) return { changed: [] as string[] };
    await tx.db.update(tourCheckpoints).set(after).where(eq(tourCheckpoints.id, c.id));
    await recordAudit(tx, {
      action: "checkpoint.update",
      entityType: "checkpoint",
      entityId: c.id,
      before,
      after,
    });
    await publish(tx, "shift", null);
    return { changed: Object.keys(after) };
  });
}

/** Puts a tour's checkpoints in the given order (every checkpoint of the tour, once). */
export async function reorderCheckpoints(
  ctx: ServiceCtx,
  input: z.output<typeof checkpointReorderInput>,
) {
  manage(ctx);
  return inTx(ctx, async (tx) => {
    const tour = await getTourInTenant(tx, input.tourId);
    const current = await tx.db
      .select({ id: tourCheckpoints.id, seq: tourCheckpoints.seq })
      .from(tourCheckpoints)
      .where(eq(tourCheckpoints.tourId, tour.id))
      .orderBy(asc(tourCheckpoints.seq));
    const ids = current.map((c) => c.id);
    if (
      input.ids.length !== ids.length ||
      new Set(input.ids).size !== ids.length ||
      !input.ids.every((id) => ids.includes(id))
    )
      throw new ValidationError("ids: List every checkpoint of the tour once", "ids");
    await tx.db.execute(sql`
      update tour_checkpoints c set seq = x.ord
      from jsonb_array_elements_text(${JSON.stringify(input.ids)}::jsonb) with ordinality as x(id, ord)
      where c.id = x.id::uuid and c.tour_id = ${tour.id}`);
    await recordAudit(tx, {
      action: "tour.reorder",
      entityType: "tour",
      entityId: tour.id,
      before: { order: ids },
      after: { order: input.ids },
    });
    await publish(tx, "shift", null);
    return { ok: true };
  });
}

/** A new token for a checkpoint (its old QR code stops working): for a lost or copied code. */
export async function regenerateCheckpointToken(ctx: ServiceCtx, input: { id: string }) {
  manage(ctx);
  return inTx(ctx, async (tx) => {
    const c = await getCheckpointInTenant(tx, input.id);
    const token = newCheckpointToken();
    await tx.db.update(tourCheckpoints).set({ token }).where(eq(tourCheckpoints.id, c.id));
    await recordAudit(tx, {
      action: "checkpoint.new_code",
      entityType: "checkpoint",
      entityId: c.id,
      after: { code: "replaced" },
    });
    await publish(tx, "shift", null);
    return { token, scanPath: checkpointScanPath(token) };
  });
}
