import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { schema, type DbOrTx } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import type { LogisticModel } from "./logistic";
import { MODEL_RULES } from "./rules";

type ModelKind = "alert" | "ticket" | "device";

/** The newest usable model of a kind for the context's tenant, or null (its rules score). */
export async function usableModel(
  ctx: ServiceCtx,
  kind: ModelKind,
): Promise<{ version: number; model: LogisticModel } | null> {
  const [m] = await ctx.db
    .select({ version: schema.priorityModels.version, model: schema.priorityModels.model })
    .from(schema.priorityModels)
    .where(
      and(
        eq(schema.priorityModels.tenantId, ctx.tenantId),
        eq(schema.priorityModels.kind, kind),
        eq(schema.priorityModels.usable, true),
      ),
    )
    .orderBy(desc(schema.priorityModels.version))
    .limit(1);
  return m ?? null;
}

/**
 * Stores a newly trained model as the next version of its kind ("alert", "ticket", "device") for the
 * tenant; usable only when its hold-out AUC reaches the bar. Returns the training outcome.
 */
export async function saveTrainedModel(
  db: DbOrTx,
  input: {
    tenantId: string;
    kind: ModelKind;
    model: LogisticModel;
    samples: number;
    positives: number;
    auc: number;
  },
) {
  const usable = Number.isFinite(input.auc) && input.auc >= MODEL_RULES.minAuc;
  const [last] = await db
    .select({ version: schema.priorityModels.version })
    .from(schema.priorityModels)
    .where(
      and(
        eq(schema.priorityModels.tenantId, input.tenantId),
        eq(schema.priorityModels.kind, input.kind),
      ),
    )
    .orderBy(desc(schema.priorityModels.version))
    .limit(1);
  const version = (last?.version ?? 0) + 1;
  await db.insert(schema.priorityModels).values({
    tenantId: input.tenantId,
    kind: input.kind,
    version,
    model: input.model,
    sampleSize: input.samples,
    positives: input.positives,
    auc: Number.isFinite(input.auc) ? input.auc : 0,
    usable,
  });
  return {
    outcome: usable ? ("trained" as const) : ("below AUC bar" as const),
    version,
    samples: input.samples,
    positives: input.positives,
    auc: input.auc,
  };
}
