import type { Capability } from "@/lib/permissions";
import { appRouter } from "@/server/api/root";
import type { ProcedureMeta } from "@/server/api/trpc";

/**
 * Every procedure of the app by path ("alert.list") with the capability it declares. tRPC keeps
 * `_def.procedures` flat by path at run time, though its type describes the nested routers.
 */
export function appProcedures(): { path: string; capability: Capability | undefined }[] {
  const flat: Record<string, unknown> = appRouter._def.procedures;
  return Object.entries(flat).map(([path, p]) => ({
    path,
    capability: (p as { _def: { meta?: ProcedureMeta } })._def.meta?.capability,
  }));
}
