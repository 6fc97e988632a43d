import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import { rawRows } from "./raw";
import { createTestTenant } from "@/server/test/factories";

/** A text no other test sends, so that its connection cannot have prepared it before. */
const MARK = "prepare_probe";

/** The statements postgres.js prepared on the transaction's connection holding MARK. */
const preparedOn = (tx: Parameters<Parameters<typeof db.transaction>[0]>[0]) =>
  rawRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from pg_prepared_statements
      where not from_sql and statement like ${`%${MARK}%`} and statement not like '%pg_prepared%'`,
  );

describe("prepared statements", () => {
  it("prepares a Drizzle query once its text repeats, and answers it the same", async () => {
    const t = await createTestTenant("prepare");
    const answers = await db.transaction(async (tx) => {
      const before = await preparedOn(tx);
      const out: string[] = [];
      for (let i = 0; i < 5; i++) {
        const [row] = await tx
          .select({ name: sql<string>`${schema.tenants.name} as ${sql.raw(MARK)}` })
          .from(schema.tenants)
          .where(eq(schema.tenants.id, t.tenant.id));
        out.push(row?.name ?? "missing");
      }
      const after = await preparedOn(tx);
      return { out, before: before[0]?.n ?? 0, after: after[0]?.n ?? 0 };
    });
    expect(new Set(answers.out)).toEqual(new Set([t.tenant.name]));
    expect(answers.before).toBe(0);
    expect(answers.after).toBe(1);
  });
});
