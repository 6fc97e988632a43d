import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { schema, type DbOrTx } from "@/server/db";
import type { LogisticModel } from "./logistic";
import { MODEL_RULES } from "./rules";

/**
 * Stores a newly trained model as the next version of its kind ("alert", "ticket") for the
 * tenant; usable only when its hold-out AUC reaches the bar. Returns the training outcome.
 */
export async function saveTrainedModel(
  db: DbOrTx,
  input: {
    tenantId: string;
    kind: "alert" | "ticket";
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
