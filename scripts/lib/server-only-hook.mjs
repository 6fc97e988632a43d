import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const empty = pathToFileURL(
  createRequire(import.meta.url).resolve("next/dist/compiled/server-only/empty.js"),
).href;

export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: empty, shortCircuit: true };
  return next(specifier, context);
}
