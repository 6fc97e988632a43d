import "server-only";
import { eq } from "drizzle-orm";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import type { ServiceCtx } from "../_core/context";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";

export async function getTenantSettings(ctx: ServiceCtx) {
  const [row] = await ctx.db
    .select({ slackWebhookUrl: schema.tenants.slackWebhookUrl })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, ctx.tenantId));
  // the webhook is a secret: show whether it is set and where it points, not the whole URL
  const url = row?.slackWebhookUrl ?? null;
  return { slackWebhook: url ? `${new URL(url).origin}/…` : null };
}

export async function updateTenantSettings(
  ctx: ServiceCtx,
  input: { slackWebhookUrl: string | null },
) {
  return inTx(ctx, async (tx) => {
    const before = await getTenantSettings(tx);
    await tx.db
      .update(schema.tenants)
      .set({ slackWebhookUrl: input.slackWebhookUrl })
      .where(eq(schema.tenants.id, ctx.tenantId));
    await recordAudit(tx, {
      action: "tenant.update",
      entityType: "tenant",
      entityId: ctx.tenantId,
      before: { slackWebhook: before.slackWebhook ? "set" : "none" },
      after: { slackWebhook: input.slackWebhookUrl ? "set" : "none" },
    });
    await publish(tx, "group", null);
    return getTenantSettings(tx);
  });
}
