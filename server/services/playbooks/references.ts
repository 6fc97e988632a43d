import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { PlaybookDefinition } from "@/lib/schemas/playbooks";
import { PLAYBOOK_FEATURE, tierIncludes } from "@/lib/tiers";
import { schema } from "@/server/db";
import type { ServiceCtx } from "../_core/context";
import { ValidationError } from "../_core/errors";

const { clients, sites, users, groups } = schema;

/**
 * The ids a definition names must be this tenant's: clients on a plan with playbooks, their
 * sites, active users and groups. The error names the form field (definition.…).
 */
export async function checkReferences(ctx: ServiceCtx, d: PlaybookDefinition): Promise<void> {
  const { clientIds, siteIds } = d.trigger;
  const userIds = new Set<string>();
  const groupIds = new Set<string>();
  for (const s of d.steps) {
    if (s.kind === "notify") {
      s.recipients.userIds.forEach((u) => userIds.add(u));
      s.recipients.groupIds.forEach((g) => groupIds.add(g));
    }
    if (s.kind === "assign") {
      if (s.userId) userIds.add(s.userId);
      if (s.groupId) groupIds.add(s.groupId);
    }
  }
  const t = ctx.tenantId;
  const [cs, ss, us, gs] = await Promise.all([
    clientIds.length
      ? ctx.db
          .select({ id: clients.id, name: clients.name, tier: clients.tier })
          .from(clients)
          .where(and(eq(clients.tenantId, t), inArray(clients.id, clientIds)))
      : [],
    siteIds.length
      ? ctx.db
          .select({ id: sites.id, clientId: sites.clientId, tier: clients.tier })
          .from(sites)
          .innerJoin(clients, eq(clients.id, sites.clientId))
          .where(and(eq(sites.tenantId, t), inArray(sites.id, siteIds)))
      : [],
    userIds.size
      ? ctx.db
          .select({ id: users.id })
          .from(users)
          .where(
            and(eq(users.tenantId, t), eq(users.active, true), inArray(users.id, [...userIds])),
          )
      : [],
    groupIds.size
      ? ctx.db
          .select({ id: groups.id })
          .from(groups)
          .where(and(eq(groups.tenantId, t), inArray(groups.id, [...groupIds])))
      : [],
  ]);
  if (cs.length !== new Set(clientIds).size)
    throw new ValidationError("A chosen client was not found", "definition.trigger.clientIds");
  const notGold = cs.find((c) => !tierIncludes(c.tier, PLAYBOOK_FEATURE));
  if (notGold)
    throw new ValidationError(
      `Playbooks run only for Gold clients; ${notGold.name} is not on Gold`,
      "definition.trigger.clientIds",
    );
  if (ss.length !== new Set(siteIds).size)
    throw new ValidationError("A chosen site was not found", "definition.trigger.siteIds");
  if (ss.some((s) => !tierIncludes(s.tier, PLAYBOOK_FEATURE)))
    throw new ValidationError(
      "Playbooks run only at sites of Gold clients",
      "definition.trigger.siteIds",
    );
  if (us.length !== userIds.size)
    throw new ValidationError("A chosen user was not found or is inactive", "definition.steps");
  if (gs.length !== groupIds.size)
    throw new ValidationError("A chosen group was not found", "definition.steps");
}
