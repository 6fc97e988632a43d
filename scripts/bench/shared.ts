import { eq } from "drizzle-orm";
import { db, schema } from "@/server/db";

/** The p-th percentile (0–100) of the figures, nearest rank; NaN when there are none. */
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** The demo tenant the large data set lives in; without it, how to seed what the bench reads. */
export async function benchTenant(seed: string, note = ""): Promise<{ id: string }> {
  const [tenant] = await db
    .select({ id: schema.tenants.id })
    .from(schema.tenants)
    .where(eq(schema.tenants.slug, "northwind"));
  if (!tenant)
    throw new Error(`no demo data: run \`npm run db:seed -- --reset ${seed}\` first${note}`);
  return tenant;
}
