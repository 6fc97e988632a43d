import path from "node:path";

/**
 * Node flags for a child that runs a TypeScript file of ours: tsx as a loader in the child itself
 * (a `tsx` process in between would survive a SIGKILL of the outer one), and the hook that lets
 * server modules' `import "server-only"` load outside Next (scripts/lib/allow-server-only.mjs).
 */
export const TSX_NODE_ARGS = [
  "--import",
  "tsx",
  "--import",
  path.resolve(import.meta.dirname, "allow-server-only.mjs"),
];
