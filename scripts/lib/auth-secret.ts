import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** AUTH_SECRET from the environment, or one generated once into .data/ for local runs. */
export function ensureAuthSecret(dataDir = ".data"): {
  secret: string;
  source: "env" | "file" | "new";
} {
  if (process.env.AUTH_SECRET) return { secret: process.env.AUTH_SECRET, source: "env" };
  const file = path.resolve(dataDir, "auth-secret");
  if (existsSync(file)) return { secret: readFileSync(file, "utf8").trim(), source: "file" };
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, source: "new" };
}
