import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { PlaybookDefinition, PlaybookStep } from "@/lib/schemas/playbooks";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";

const { users, groups } = schema;

/** Names of the tenant's users and groups, by id. */
export type Names = Map<string, string>;

/** The users and groups a step notifies or assigns to. */
function peopleOf(s: PlaybookStep): string[] {
  if (s.kind === "notify") return [...s.recipients.userIds, ...s.recipients.groupIds];
  if (s.kind === "assign") return [s.userId, s.groupId].filter((x): x is string => x !== null);
  return [];
}

/** The names of the people and groups a definition's steps name (ids of other tenants: none). */
export async function recipientNames(
  ctx: ServiceCtx,
  d: Pick<PlaybookDefinition, "steps">,
): Promise<Names> {
  const ids = d.steps.flatMap(peopleOf);
  if (!ids.length) return new Map();
  const [us, gs] = await Promise.all([
    ctx.db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.tenantId, ctx.tenantId), inArray(users.id, ids))),
    ctx.db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(and(eq(groups.tenantId, ctx.tenantId), inArray(groups.id, ids))),
  ]);
  return new Map([...us, ...gs].map((r) => [r.id, r.name]));
}
