import { runMigrations } from "../../scripts/lib/migrate";

/** Integration tests run against DATABASE_URL (set by scripts/test-integration.ts). */
export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      "Integration tests need DATABASE_URL; run them with `npm run test:integration`.",
    );
  await runMigrations(url);
}
