import "server-only";
import { and, asc, eq, ilike } from "drizzle-orm";
import type { z } from "zod";
import type {
  postCreateInput,
  postUpdateInput,
  rosterListInput,
  templateCreateInput,
  templateUpdateInput,
} from "@/lib/schemas/shifts";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, isUniqueViolation, ValidationError } from "../_core/errors";
import { requireActorCan, siteScopeFilter } from "../_core/scope";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { getPostInTenant, getTemplateInTenant, shiftSite } from "./access";
import { changedInput as diff } from "./changes";
import { requestRebuild } from "./events";

const { posts, shiftTemplates, sites } = schema;

export const manage = (ctx: ServiceCtx) =>
  requireActorCan(ctx, "shifts.manage", "Your role cannot change the roster");

/** After a roster write: audit, tell open pages, and rebuild the site's schedule. */
export async function rosterChanged(
  tx: ServiceCtx,
  siteId: string,
  audit: Parameters<typeof recordAudit>[1],
) {
  await recordAudit(tx, audit);
  await publish(tx, "shift", null);
  await requestRebuild(tx, [siteId]);
}

// --- posts -----------------------------------------------------------------

export async function listPosts(ctx: ServiceCtx, input: z.output<typeof rosterListInput>) {
  return ctx.db
    .select({
      id: posts.id,
      siteId: posts.siteId,
      siteName: sites.name,
      name: posts.name,
      description: posts.description,
      active: posts.active,
    })
    .from(posts)
    .innerJoin(sites, eq(sites.id, posts.siteId))
    .where(
      and(
        eq(posts.tenantId, ctx.tenantId),
        input.siteId ? eq(posts.siteId, input.siteId) : undefined,
        input.q ? ilike(posts.name, `%${input.q}%`) : undefined,
        siteScopeFilter(ctx, posts.siteId),
      ),
    )
    .orderBy(asc(sites.name), asc(posts.name));
}

const POST_NAME_TAKEN = (name: string) =>
  new ConflictError(`name: This site already has a post called “${name}”`, "name");

export async function createPost(ctx: ServiceCtx, input: z.output<typeof postCreateInput>) {
  manage(ctx);
  return inTx(ctx, async (tx) => {
    const site = await shiftSite(tx, input.siteId);
    try {
      const [row] = await tx.db
        .insert(posts)
        .values({ tenantId: ctx.tenantId, ...input, siteId: site.id })
        .returning({ id: posts.id });
      if (!row) throw new Error("post not created");
      await rosterChanged(tx, site.id, {
        action: "post.create",
        entityType: "post",
        entityId: row.id,
        after: { name: input.name, siteId: site.id },
      });
      return row;
    } catch (err) {
      if (isUniqueViolation(err, "posts_site_id_name_idx")) throw POST_NAME_TAKEN(input.name);
      throw err;
    }
  });
}

export async function updatePost(ctx: ServiceCtx, input: z.output<typeof postUpdateInput>) {
  manage(ctx);
  return inTx(ctx, async (tx) => {
    const post = await getPostInTenant(tx, input.id);
    const d = diff(post, input);
    if (!d.changed) return { changed: [] as string[] };
    try {
      await tx.db.update(posts).set(d.after).where(eq(posts.id, post.id));
    } catch (err) {
      if (isUniqueViolation(err, "posts_site_id_name_idx")) throw POST_NAME_TAKEN(input.name ?? "");
      throw err;
    }
    await rosterChanged(tx, post.siteId, {
      action: "post.update",
      entityType: "post",
      entityId: post.id,
      before: d.before,
      after: d.after,
    });
    return { changed: Object.keys(d.after) };
  });
}

// --- templates ----------------------------------------------------------------

const hhmm = (t: string) => t.slice(0, 5);

export async function listTemplates(ctx: ServiceCtx, input: z.output<typeof rosterListInput>) {
  const rows = await ctx.db
    .select({
      id: shiftTemplates.id,
      siteId: shiftTemplates.siteId,
      postId: shiftTemplates.postId,
      postName: posts.name,
      name: shiftTemplates.name,
      days: shiftTemplates.days,
      startTime: shiftTemplates.startTime,
      endTime: shiftTemplates.endTime,
      effectiveFrom: shiftTemplates.effectiveFrom,
      effectiveTo: shiftTemplates.effectiveTo,
      active: shiftTemplates.active,
    })
    .from(shiftTemplates)
    .innerJoin(posts, eq(posts.id, shiftTemplates.postId))
    .where(
      and(
        eq(shiftTemplates.tenantId, ctx.tenantId),
        input.siteId ? eq(shiftTemplates.siteId, input.siteId) : undefined,
        input.q ? ilike(shiftTemplates.name, `%${input.q}%`) : undefined,
        siteScopeFilter(ctx, shiftTemplates.siteId),
      ),
    )
    .orderBy(asc(posts.name), asc(shiftTemplates.startTime));
  return rows.map((r) => ({ ...r, startTime: hhmm(r.startTime), endTime: hhmm(r.endTime) }));
}

export async function createTemplate(ctx: ServiceCtx, input: z.output<typeof templateCreateInput>) {
  manage(ctx);
  return inTx(ctx, async (tx) => {
    const post = await getPostInTenant(tx, input.postId);
    const [row] = await tx.db
      .insert(shiftTemplates)
      .values({
        tenantId: ctx.tenantId,
        siteId: post.siteId,
        postId: post.id,
        name: input.name,
        days: [...input.days].sort(),
        startTime: input.startTime,
        endTime: input.endTime,
        effectiveFrom: input.effectiveFrom,
        effectiveTo: input.effectiveTo ?? null,
      })
      .returning({ id: shiftTemplates.id });
    if (!row) throw new Error("template not created");
    await rosterChanged(tx, post.siteId, {
      action: "shift_template.create",
      entityType: "shift_template",
      entityId: row.id,
      after: { ...input },
    });
    return row;
  });
}

export async function updateTemplate(ctx: ServiceCtx, input: z.output<typeof templateUpdateInput>) {
  manage(ctx);
  return inTx(ctx, async (tx) => {
    const t = await getTemplateInTenant(tx, input.id);
    const current = { ...t, startTime: hhmm(t.startTime), endTime: hhmm(t.endTime) };
    const next = { ...input, days: input.days ? [...input.days].sort() : undefined };
    const d = diff(current, next);
    if (!d.changed) return { changed: [] as string[] };
    const startTime = input.startTime ?? current.startTime;
    const endTime = input.endTime ?? current.endTime;
    if (startTime === endTime)
      throw new ValidationError(
        "endTime: A shift cannot start and end at the same time",
        "endTime",
      );
    const from = input.effectiveFrom ?? t.effectiveFrom;
    const to = input.effectiveTo === undefined ? t.effectiveTo : input.effectiveTo;
    if (to && to < from)
      throw new ConflictError("effectiveTo: The last day comes before the first", "effectiveTo");
    await tx.db.update(shiftTemplates).set(d.after).where(eq(shiftTemplates.id, t.id));
    await rosterChanged(tx, t.siteId, {
      action: "shift_template.update",
      entityType: "shift_template",
      entityId: t.id,
      before: d.before,
      after: d.after,
    });
    return { changed: Object.keys(d.after) };
  });
}
