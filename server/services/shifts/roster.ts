import "server-only";
import { and, asc, eq, ilike, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import type {
  assignmentCreateInput,
  assignmentUpdateInput,
  postCreateInput,
  postUpdateInput,
  rosterListInput,
  templateCreateInput,
  templateUpdateInput,
} from "@/lib/schemas/shifts";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, isUniqueViolation, NotFoundError, ValidationError } from "../_core/errors";
import { requireActorCan, siteScopeFilter } from "../_core/scope";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { getGuardInTenant, getPostInTenant, getTemplateInTenant, shiftSite } from "./access";
import { changedInput as diff } from "./changes";
import { requestRebuild } from "./events";

const { posts, shiftTemplates, shiftAssignments, users, sites } = schema;

const manage = (ctx: ServiceCtx) =>
  requireActorCan(ctx, "shifts.manage", "Your role cannot change the roster");

/** After a roster write: audit, tell open pages, and rebuild the site's schedule. */
async function rosterChanged(
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

// --- assignments ----------------------------------------------------------------

export async function listAssignments(
  ctx: ServiceCtx,
  input: z.output<typeof rosterListInput> & { templateId?: string },
) {
  return ctx.db
    .select({
      id: shiftAssignments.id,
      templateId: shiftAssignments.templateId,
      templateName: shiftTemplates.name,
      siteId: shiftTemplates.siteId,
      guardId: shiftAssignments.guardId,
      guardName: users.name,
      startsOn: shiftAssignments.startsOn,
      endsOn: shiftAssignments.endsOn,
    })
    .from(shiftAssignments)
    .innerJoin(shiftTemplates, eq(shiftTemplates.id, shiftAssignments.templateId))
    .innerJoin(users, eq(users.id, shiftAssignments.guardId))
    .where(
      and(
        eq(shiftAssignments.tenantId, ctx.tenantId),
        input.siteId ? eq(shiftTemplates.siteId, input.siteId) : undefined,
        input.templateId ? eq(shiftAssignments.templateId, input.templateId) : undefined,
        input.q ? ilike(users.name, `%${input.q}%`) : undefined,
        siteScopeFilter(ctx, shiftTemplates.siteId),
      ),
    )
    .orderBy(asc(shiftTemplates.name), asc(shiftAssignments.startsOn));
}

/** An assignment of the template overlapping [startsOn, endsOn], other than `exceptId`. */
async function overlapping(
  ctx: ServiceCtx,
  a: { templateId: string; startsOn: string; endsOn: string | null; exceptId?: string },
) {
  const [row] = await ctx.db
    .select({ id: shiftAssignments.id, guardName: users.name, startsOn: shiftAssignments.startsOn })
    .from(shiftAssignments)
    .innerJoin(users, eq(users.id, shiftAssignments.guardId))
    .where(
      and(
        eq(shiftAssignments.templateId, a.templateId),
        a.exceptId ? ne(shiftAssignments.id, a.exceptId) : undefined,
        sql`daterange(${shiftAssignments.startsOn}, ${shiftAssignments.endsOn}, '[]')
          && daterange(${a.startsOn}::date, ${a.endsOn}::date, '[]')`,
      ),
    )
    .limit(1);
  return row;
}

export async function createAssignment(
  ctx: ServiceCtx,
  input: z.output<typeof assignmentCreateInput>,
) {
  manage(ctx);
  return inTx(ctx, async (tx) => {
    const t = await getTemplateInTenant(tx, input.templateId);
    // serialises assignments of one template, so two at once cannot both pass the overlap check
    await tx.db.execute(sql`select 1 from shift_templates where id = ${t.id} for update`);
    const guard = await getGuardInTenant(tx, input.guardId);
    const endsOn = input.endsOn ?? null;
    const clash = await overlapping(tx, { templateId: t.id, startsOn: input.startsOn, endsOn });
    if (clash)
      throw new ConflictError(
        `startsOn: ${clash.guardName} already holds “${t.name}” from ${clash.startsOn}; end that assignment first`,
        "startsOn",
      );
    const [row] = await tx.db
      .insert(shiftAssignments)
      .values({
        tenantId: ctx.tenantId,
        templateId: t.id,
        guardId: guard.id,
        startsOn: input.startsOn,
        endsOn,
      })
      .returning({ id: shiftAssignments.id });
    if (!row) throw new Error("assignment not created");
    await rosterChanged(tx, t.siteId, {
      action: "shift_assignment.create",
      entityType: "shift_assignment",
      entityId: row.id,
      after: { templateId: t.id, guardId: guard.id, startsOn: input.startsOn, endsOn },
    });
    return row;
  });
}

async function getAssignmentInTenant(ctx: ServiceCtx, id: string) {
  const [row] = await ctx.db
    .select({
      a: shiftAssignments,
      siteId: shiftTemplates.siteId,
      templateName: shiftTemplates.name,
    })
    .from(shiftAssignments)
    .innerJoin(shiftTemplates, eq(shiftTemplates.id, shiftAssignments.templateId))
    .where(
      and(
        eq(shiftAssignments.id, id),
        eq(shiftAssignments.tenantId, ctx.tenantId),
        siteScopeFilter(ctx, shiftTemplates.siteId),
      ),
    );
  if (!row) throw new NotFoundError("Assignment");
  return row;
}

export async function updateAssignment(
  ctx: ServiceCtx,
  input: z.output<typeof assignmentUpdateInput>,
) {
  manage(ctx);
  return inTx(ctx, async (tx) => {
    const { a, siteId, templateName } = await getAssignmentInTenant(tx, input.id);
    await tx.db.execute(sql`select 1 from shift_templates where id = ${a.templateId} for update`);
    const d = diff(a, input);
    if (!d.changed) return { changed: [] as string[] };
    if (input.guardId) await getGuardInTenant(tx, input.guardId);
    const startsOn = input.startsOn ?? a.startsOn;
    const endsOn = input.endsOn === undefined ? a.endsOn : input.endsOn;
    if (endsOn && endsOn < startsOn)
      throw new ValidationError("endsOn: The last day comes before the first", "endsOn");
    const clash = await overlapping(tx, {
      templateId: a.templateId,
      startsOn,
      endsOn,
      exceptId: a.id,
    });
    if (clash)
      throw new ConflictError(
        `startsOn: ${clash.guardName} already holds “${templateName}” from ${clash.startsOn}`,
        "startsOn",
      );
    await tx.db.update(shiftAssignments).set(d.after).where(eq(shiftAssignments.id, a.id));
    await rosterChanged(tx, siteId, {
      action: "shift_assignment.update",
      entityType: "shift_assignment",
      entityId: a.id,
      before: d.before,
      after: d.after,
    });
    return { changed: Object.keys(d.after) };
  });
}

export async function deleteAssignment(ctx: ServiceCtx, input: { id: string }) {
  manage(ctx);
  return inTx(ctx, async (tx) => {
    const { a, siteId } = await getAssignmentInTenant(tx, input.id);
    await tx.db.delete(shiftAssignments).where(eq(shiftAssignments.id, a.id));
    await rosterChanged(tx, siteId, {
      action: "shift_assignment.delete",
      entityType: "shift_assignment",
      entityId: a.id,
      before: {
        templateId: a.templateId,
        guardId: a.guardId,
        startsOn: a.startsOn,
        endsOn: a.endsOn,
      },
    });
    return { deleted: true };
  });
}

/** The tenant's active guards, for assigning (guards are not tied to sites). */
export async function listGuards(ctx: ServiceCtx, input: z.output<typeof rosterListInput>) {
  return ctx.db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.tenantId, ctx.tenantId),
        eq(users.role, "guard"),
        eq(users.active, true),
        input.q ? ilike(users.name, `%${input.q}%`) : undefined,
      ),
    )
    .orderBy(asc(users.name))
    .limit(500);
}
