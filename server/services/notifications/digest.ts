import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { schema } from "@/server/db";
import { rawRows } from "@/server/db/raw";
import type { EmailDigest } from "@/lib/notifications";
import { forTenant, type PlatformCtx } from "../_core/system";
import { inTx } from "../_core/tx";
import { publish } from "../live/publish";
import { appBaseUrl } from "./channels";

const n = schema.notifications;
/** the hour (UTC) the daily digest goes out */
export const DAILY_DIGEST_HOUR_UTC = 7;
const MAX_LINES = 50;

/**
 * The digest period `now` falls in: the hour, or the day starting at 07:00 UTC. One digest per
 * user and period (its dedupe key): the hourly run sends a daily digest at 07:00 and then
 * nothing more that day (held e-mails wait for the next). Turning the digest off releases
 * what was held (preferences.ts).
 */
export function digestPeriod(interval: Exclude<EmailDigest, "off">, now: Date): string {
  if (interval === "daily") {
    const day = new Date(now.getTime() - DAILY_DIGEST_HOUR_UTC * 3_600_000);
    return `day:${day.toISOString().slice(0, 10)}`;
  }
  return `hour:${now.toISOString().slice(0, 13)}`;
}

type Held = { id: string; subject: string; link: string | null; latestAt: Date };

/** The digest e-mail's text: one line per notification, the latest last. */
export function digestBody(items: Held[]): string {
  const lines = items
    .slice(0, MAX_LINES)
    .map((i) => `• ${i.subject}${i.link ? `\n  ${appBaseUrl()}${i.link}` : ""}`);
  const more = items.length - MAX_LINES;
  return [...lines, ...(more > 0 ? [`…and ${more} more in Watchfloor.`] : [])].join("\n");
}

/**
 * Folds each user's held e-mails into one digest e-mail (queued as pending, delivered like any
 * other) and marks the held ones as sent in it. Per user in a transaction that locks the held
 * rows, so two runs never put one notification in two digests; a period's digest is made once.
 */
export async function makeDigests(
  ctx: PlatformCtx,
  now: Date,
): Promise<{ digests: number; folded: number; ids: string[] }> {
  const users = await rawRows<{
    tenantId: string;
    userId: string;
    email: string;
    digest: Exclude<EmailDigest, "off">;
  }>(
    ctx.db,
    // users who take a digest (few) and have something held (their own rows, by index)
    sql`select u.tenant_id as "tenantId", u.id as "userId", u.email, u.email_digest as digest
        from ${schema.users} u
        where u.email_digest <> 'off'
          and exists (select 1 from ${n} n where n.user_id = u.id and n.status = 'held')`,
  );
  const result = { digests: 0, folded: 0, ids: [] as string[] };
  for (const user of users) {
    const period = digestPeriod(user.digest, now);
    const made = await inTx(forTenant(ctx, user.tenantId), async (tx) => {
      const held = await rawRows<Held>(
        tx.db,
        sql`select id, subject, link, latest_at as "latestAt" from ${n}
            where tenant_id = ${user.tenantId} and user_id = ${user.userId} and status = 'held'
            order by latest_at, id
            for update skip locked`,
      );
      if (!held.length) return null;
      const [digest] = await tx.db
        .insert(n)
        .values({
          tenantId: user.tenantId,
          userId: user.userId,
          channel: "email",
          recipient: user.email,
          kind: "other",
          subject: `Watchfloor digest: ${held.length} notification${held.length === 1 ? "" : "s"}`,
          body: digestBody(held),
          link: "/notifications",
          dedupeKey: `digest:${user.userId}:${period}`,
          latestAt: now,
        })
        .onConflictDoNothing({ target: [n.tenantId, n.dedupeKey] })
        .returning({ id: n.id });
      if (!digest) return null;
      await tx.db
        .update(n)
        .set({ status: "sent", sentAt: now, deliveredVia: "digest" })
        .where(
          and(
            eq(n.tenantId, user.tenantId),
            inArray(
              n.id,
              held.map((h) => h.id),
            ),
          ),
        );
      await publish(tx, "notification", [digest.id, ...held.map((h) => h.id)]);
      return { id: digest.id, folded: held.length };
    });
    if (made) {
      result.digests += 1;
      result.folded += made.folded;
      result.ids.push(made.id);
    }
  }
  return result;
}
