import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * After `next build`: fails if anything server-only reached the JavaScript sent to browsers —
 * secrets from the environment, or code that only the server may hold.
 */
const root = path.resolve(
  process.env.NEXT_DIST_DIR ?? (existsSync(".next-e2e/static") ? ".next-e2e" : ".next"),
  "static",
);
const sentinels: [string, string][] = [
  ["DATABASE_URL is not set", "the database module (server/db)"],
  ["sign_in_throttle", "the database schema"],
  ["scrypt$", "password hashing"],
  ["pg_notify", "live-update publishing"],
  ["postgres://", "a database connection string"],
];
for (const name of ["AUTH_SECRET", "DATABASE_URL", "SMTP_URL", "INNGEST_SIGNING_KEY"]) {
  const value = process.env[name];
  if (value && value.length >= 8) sentinels.push([value, `the value of ${name}`]);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".js") ? [p] : [];
  });
}

let all: string[];
try {
  all = files(root);
} catch {
  console.error("[bundle] no .next/static: run `next build` first");
  process.exit(1);
}
const leaks = all.flatMap((file) => {
  const text = readFileSync(file, "utf8");
  return sentinels
    .filter(([s]) => text.includes(s))
    .map(([, what]) => `${path.relative(".", file)}: ${what}`);
});
if (leaks.length) {
  console.error(`[bundle] server-only content in the client bundle:\n  ${leaks.join("\n  ")}`);
  process.exit(1);
}
console.log(`[bundle] ${all.length} client files checked: no secrets or server-only code`);
