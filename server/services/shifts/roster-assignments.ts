import "server-only";
import { and, asc, eq, ilike, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import type {
  assignmentCreateInput,
  assignmentUpdateInput,
  rosterListInput,
} from "@/lib/schemas/shifts";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, NotFoundError, ValidationError } from "../_core/errors";
import { siteScopeFilter } from "../_core/scope";
import { inTx } from "../_core/tx";
import { getGuardInTenant, getTemplateInTenant } from "./access";
import { changedInput as diff } from "./changes";
import { manage, rosterChanged } from "./roster";

const { shiftTemplates, shiftAssignments, users } = schema;

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
