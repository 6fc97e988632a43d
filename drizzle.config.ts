import { defineConfig } from "drizzle-kit";

// Used by `npm run db:generate` only; migrations are applied by scripts/db-migrate.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./server/db/schema/index.ts",
  out: "./drizzle",
  dbCredentials: {
    url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:54329/watchfloor",
  },
});
