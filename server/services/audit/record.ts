import "server-only";
import { schema } from "@/server/db";
import { actorRef, type ServiceCtx } from "../_core/context";

type Fields = Record<string, unknown>;

/** Keeps only the fields that changed, so a timeline row says exactly what moved. */
export function changedFields(
  before: Fields | null,
  after: Fields | null,
): { before: Fields | null; after: Fields | null } {
  if (!before || !after) return { before, after };
  const b: Fields = {};
  const a: Fields = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  before?: Fields | null;
  after?: Fields | null;
};

/** Records who changed what, keeping only the fields that changed. */
export async function recordAudit(ctx: ServiceCtx, entry: AuditEntry): Promise<void> {
  await recordAudits(ctx, [entry]);
}

/** Several changes' audit rows in one insert. */
export async function recordAudits(ctx: ServiceCtx, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const who = actorRef(ctx.actor);
  await ctx.db.insert(schema.auditLog).values(
    entries.map((entry) => {
      const diff = changedFields(entry.before ?? null, entry.after ?? null);
      return {
        tenantId: ctx.tenantId,
        actorType: who.type,
        actorId: who.id,
        actorLabel: who.label,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        before: diff.before,
        after: diff.after,
      };
    }),
  );
}
