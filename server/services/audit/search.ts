import "server-only";
import { and, desc, eq, gte, ilike, inArray, lt, not, or, sql, type SQL } from "drizzle-orm";
import { SIMULATOR_JOB } from "@/lib/audit";
import type { AuditSearch } from "@/lib/schemas/audit";
import { schema } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import type { ServiceCtx } from "../_core/context";

const { auditLog, users, alerts, tickets, workOrders, clients, sites, groups, vendors } = schema;

/** "%term%" for ILIKE, with the user's % and _ taken literally. */
const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The WHERE of the log's filters. Each filter leads with a column an audit index starts with
 * after the tenant (actor, entity type + action, created_at), and every list is newest first
 * by id, so a page reads an index in order and stops at the limit.
 */
function auditWhere(ctx: ServiceCtx, f: AuditSearch): SQL | undefined {
  const actor = f.actor
    ? f.actor.startsWith("kind:")
      ? eq(auditLog.actorType, f.actor.slice(5) as "system" | "vendor_token" | "api_key")
      : and(eq(auditLog.actorType, "user"), eq(auditLog.actorId, f.actor))
    : undefined;
  return and(
    eq(auditLog.tenantId, ctx.tenantId),
    actor,
    f.entityType ? eq(auditLog.entityType, f.entityType) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.from ? gte(auditLog.createdAt, f.from) : undefined,
    f.to ? lt(auditLog.createdAt, f.to) : undefined,
    f.hideSimulator
      ? not(and(eq(auditLog.actorType, "system"), eq(auditLog.actorId, SIMULATOR_JOB)) as SQL)
      : undefined,
    f.q
      ? or(
          ilike(auditLog.actorLabel, like(f.q)),
          ilike(auditLog.action, like(f.q)),
          eq(auditLog.entityId, f.q),
          sql`${auditLog.before}::text ilike ${like(f.q)}`,
          sql`${auditLog.after}::text ilike ${like(f.q)}`,
        )
      : undefined,
  );
}

/** Names and page links for the entities a page of rows mentions: one query per kind. */
async function entityNames(
  ctx: ServiceCtx,
  rows: readonly { entityType: string; entityId: string }[],
) {
  const ids = (type: string) => [
    ...new Set(rows.filter((r) => r.entityType === type).map((r) => r.entityId)),
  ];
  const uuidish = (list: string[]) => list.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const names = new Map<string, { name: string; href: string | null }>();
  const put = (type: string, id: string, name: string, href: string | null) =>
    names.set(`${type}:${id}`, { name, href });
  const tenant = ctx.tenantId;
  const jobs: Promise<void>[] = [];
  const alertIds = uuidish(ids("alert"));
  if (alertIds.length)
    jobs.push(
      ctx.db
        .select({ id: alerts.id, title: alerts.title })
        .from(alerts)
        .where(and(eq(alerts.tenantId, tenant), inArray(alerts.id, alertIds)))
        .then((r) => r.forEach((a) => put("alert", a.id, a.title, `/noc?alert=${a.id}`))),
    );
  const ticketIds = uuidish(ids("ticket"));
  if (ticketIds.length)
    jobs.push(
      ctx.db
        .select({ id: tickets.id, number: tickets.number, title: tickets.title })
        .from(tickets)
        .where(and(eq(tickets.tenantId, tenant), inArray(tickets.id, ticketIds)))
        .then((r) =>
          r.forEach((t) => put("ticket", t.id, `#${t.number} ${t.title}`, `/sla?ticket=${t.id}`)),
        ),
    );
  const orderIds = uuidish(ids("work_order"));
  if (orderIds.length)
    jobs.push(
      ctx.db
        .select({ id: workOrders.id, number: workOrders.number, title: workOrders.title })
        .from(workOrders)
        .where(and(eq(workOrders.tenantId, tenant), inArray(workOrders.id, orderIds)))
        .then((r) =>
          r.forEach((w) =>
            put("work_order", w.id, `#${w.number} ${w.title}`, `/work-orders?order=${w.id}`),
          ),
        ),
    );
  const simple = [
    ["user", users, "/admin/users"],
    ["client", clients, "/admin/clients"],
    ["site", sites, "/admin/clients"],
    ["group", groups, "/admin/groups"],
    ["vendor", vendors, "/vendors?vendor="],
  ] as const;
  for (const [type, table, href] of simple) {
    const list = uuidish(ids(type));
    if (list.length)
      jobs.push(
        ctx.db
          .select({ id: table.id, name: table.name })
          .from(table)
          .where(and(eq(table.tenantId, tenant), inArray(table.id, list)))
          .then((r) =>
            r.forEach((e) => put(type, e.id, e.name, href.endsWith("=") ? `${href}${e.id}` : href)),
          ),
      );
  }
  await Promise.all(jobs);
  return names;
}

/**
 * A page of the tenant's audit log, newest first, filtered (who, entity kind, action, period,
 * text, the simulator hidden), each row with the name of what it is about and a link to it.
 */
export async function searchAudit(
  ctx: ServiceCtx,
  f: AuditSearch & { cursor?: number | undefined; limit: number },
) {
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(and(auditWhere(ctx, f), f.cursor ? lt(auditLog.id, f.cursor) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(f.limit + 1);
  const more = rows.length > f.limit;
  const page = more ? rows.slice(0, f.limit) : rows;
  const names = await entityNames(ctx, page);
  const items = page.map((r) => {
    const n = names.get(`${r.entityType}:${r.entityId}`);
    return { ...r, entityName: n?.name ?? null, entityHref: n?.href ?? null };
  });
  return { items, nextCursor: more ? items.at(-1)?.id : undefined };
}

/** The "who" and "action" filters' choices: the tenant's people and recent actions. */
export async function auditFilterOptions(ctx: ServiceCtx) {
  const [people, actions] = await Promise.all([
    ctx.db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(eq(users.tenantId, ctx.tenantId))
      .orderBy(users.name),
    // the actions of the latest 5,000 rows: cheap, and what anyone filters for
    rawRows<{ action: string }>(
      ctx.db,
      sql`
      select distinct action from (
        select action from audit_log where tenant_id = ${ctx.tenantId} order by id desc limit 5000
      ) recent order by action`,
    ),
  ]);
  return { people, actions: actions.map((a) => a.action) };
}
