import { closeDb, db } from "@/server/db";
import { demoDataPresent, seedDemo } from "@/server/seed";
import { demoPortalLinks } from "@/server/seed/portal-links";

export async function seedIfEmpty(url: string, log: (line: string) => void): Promise<boolean> {
  process.env.DATABASE_URL = url;
  try {
    const seeded = !(await demoDataPresent(db));
    if (seeded) {
      log("loading demo data (first start)…");
      await seedDemo(db, { scale: "demo", log: (l) => log(`  ${l}`) });
    }
    // portal links are stored hashed, so fresh ones are made (and the old ones revoked) each start
    const base = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`;
    for (const l of await demoPortalLinks(db, base))
      log(`vendor portal, work order #${l.number} ${l.title}: ${l.url}`);
    return seeded;
  } finally {
    await closeDb();
  }
}
