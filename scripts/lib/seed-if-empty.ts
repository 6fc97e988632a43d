import { closeDb, db } from "@/server/db";
import { demoDataPresent, seedDemo } from "@/server/seed";

export async function seedIfEmpty(url: string, log: (line: string) => void): Promise<boolean> {
  process.env.DATABASE_URL = url;
  try {
    if (await demoDataPresent(db)) return false;
    log("loading demo data (first start)…");
    await seedDemo(db, { scale: "demo", log: (l) => log(`  ${l}`) });
    return true;
  } finally {
    await closeDb();
  }
}
