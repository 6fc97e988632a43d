import "server-only";
import type { z } from "zod";
import { ROLE_LABELS } from "@/lib/roles";
import type { userCreateInput } from "@/lib/schemas/admin";
import { schema } from "@/server/db";
import { recordAudit } from "../audit/record";
import { hashPassword } from "../auth/password";
import type { ServiceCtx } from "../_core/context";
import { ConflictError, isUniqueViolation } from "../_core/errors";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { notifyUsers } from "../notifications/enqueue";
import { replaceScope } from "./scope-rows";

export async function createUser(
  ctx: ServiceCtx,
  input: z.output<typeof userCreateInput>,
  now: Date,
) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTx(ctx, async (tx) => {
      const [user] = await tx.db
        .insert(schema.users)
        .values({
          tenantId: ctx.tenantId,
          name: input.name,
          email: input.email,
          role: input.role,
          passwordHash,
        })
        .returning({ id: schema.users.id });
      if (!user) throw new Error("insert returned no row");
      await replaceScope(tx, user.id, input.scope);
      await recordAudit(tx, {
        action: "user.create",
        entityType: "user",
        entityId: user.id,
        after: { name: input.name, email: input.email, role: input.role, scope: input.scope },
      });
      await publish(tx, "user", [user.id]);
      await notifyUsers(
        tx,
        {
          userIds: [user.id],
          subject: "Your Watchfloor account is ready",
          body: `${ctx.actor.type === "user" ? ctx.actor.name : "An admin"} created an account for you as ${ROLE_LABELS[input.role]}. Sign in with this e-mail address and the password you were given, then change it.`,
          link: "/overview",
          kind: "account",
          dedupeKey: `account-created:${user.id}`,
        },
        now,
      );
      return user;
    });
  } catch (err) {
    if (isUniqueViolation(err, "users_email_idx"))
      throw new ConflictError(`A user with the e-mail ${input.email} already exists`, "email");
    throw err;
  }
}
