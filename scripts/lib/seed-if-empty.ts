import { mkdirSync, writeFileSync } from "node:fs";
import { closeDb, db } from "@/server/db";
import { demoDataPresent, seedDemo } from "@/server/seed";
import { demoPortalLinks } from "@/server/seed/portal-links";

const DEMO_LINKS_FILE = ".data/demo-vendor-links.txt";

export async function seedIfEmpty(url: string, log: (line: string) => void): Promise<boolean> {
  process.env.DATABASE_URL = url;
  try {
    const seeded = !(await demoDataPresent(db));
    if (seeded) {
      log("loading demo data (first start)…");
      await seedDemo(db, { scale: "demo", log: (l) => log(`  ${l}`) });
    }
    // portal links are stored hashed, so fresh ones are made (and the old ones revoked) each
    // start; a link is a key, so it goes to a file only its owner reads, never to the log
    const base = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`;
    const links = await demoPortalLinks(db, base);
    if (links.length) {
      mkdirSync(".data", { recursive: true });
      writeFileSync(
        DEMO_LINKS_FILE,
        links.map((l) => `work order #${l.number} ${l.title}: ${l.url}\n`).join(""),
        { mode: 0o600 },
      );
      log(`vendor portal links for ${links.length} demo work orders: ${DEMO_LINKS_FILE}`);
    }
    return seeded;
  } finally {
    await closeDb();
  }
}
