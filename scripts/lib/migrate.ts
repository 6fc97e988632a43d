import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { connectTo } from "@/server/db/connect";

const LOCK_KEY = 7_226_310; // any constant: serialises migrations when several instances start at once

export async function runMigrations(url: string): Promise<void> {
  const sql = connectTo(url, { max: 1, onnotice: () => undefined });
  try {
    await sql`select pg_advisory_lock(${LOCK_KEY})`;
    await migrate(drizzle(sql), { migrationsFolder: path.resolve("drizzle") });
    await sql`select pg_advisory_unlock(${LOCK_KEY})`;
  } finally {
    await sql.end();
  }
}
