import { and, inArray, notInArray } from "drizzle-orm";
import { schema, type Db } from "@/server/db";
import { parseConcurrency } from "./concurrency";
import { RegistrationRefused, refusalsOf } from "./refusals";
import type { RegisteredFunction, Trigger } from "./types";

type Step = {
  id?: string;
  name?: string;
  runtime?: { type?: string; url?: string };
  retries?: { attempts?: number };
};

export type RegisterBody = {
  appName?: string;
  app_id?: string;
  url?: string;
  functions?: (Record<string, unknown> & {
    id: string;
    name?: string;
    triggers?: Trigger[];
    steps?: Record<string, Step>;
    priority?: { run?: string };
    /** a number, `{ limit, key?, scope? }` or an array of up to two of them, as given */
    concurrency?: unknown;
  })[];
};

/**
 * Reads the SDK's registration body (out-of-band /fn/register, or an in-band sync reply).
 * Throws RegistrationRefused, naming each function and option, when any function asks for
 * something the executor does not implement (contract.ts): then none is registered.
 */
export function parseRegistration(body: RegisterBody): RegisteredFunction[] {
  const appId = body.appName ?? body.app_id ?? "app";
  const functions = body.functions ?? [];
  const refusals = functions.flatMap(refusalsOf);
  if (refusals.length) throw new RegistrationRefused(refusals);
  return functions.flatMap((f) => {
    const step = f.steps?.step;
    const url = step?.runtime?.url;
    if (!url) return [];
    return [
      {
        id: f.id,
        appId,
        name: f.name ?? f.id,
        triggers: f.triggers ?? [],
        url,
        retries: step?.retries?.attempts ?? 3,
        priority: f.priority?.run ?? null,
        concurrency: parseConcurrency(f.concurrency),
      },
    ];
  });
}

/** Stores the app's functions so every executor (and the jobs page) sees the same list. */
export async function saveFunctions(db: Db, fns: RegisteredFunction[]): Promise<void> {
  if (!fns.length) return;
  const appIds = [...new Set(fns.map((f) => f.appId))];
  await db.transaction(async (tx) => {
    await tx.delete(schema.jobFunctions).where(
      and(
        inArray(schema.jobFunctions.appId, appIds),
        notInArray(
          schema.jobFunctions.id,
          fns.map((f) => f.id),
        ),
      ),
    );
    for (const f of fns) {
      await tx
        .insert(schema.jobFunctions)
        .values({ ...f, registeredAt: new Date() })
        .onConflictDoUpdate({
          target: schema.jobFunctions.id,
          set: {
            name: f.name,
            triggers: f.triggers,
            url: f.url,
            retries: f.retries,
            priority: f.priority ?? null,
            concurrency: f.concurrency ?? null,
            appId: f.appId,
            registeredAt: new Date(),
          },
        });
    }
  });
}

export async function loadFunctions(db: Db): Promise<RegisteredFunction[]> {
  const rows = await db.select().from(schema.jobFunctions);
  return rows.map((r) => ({
    id: r.id,
    appId: r.appId,
    name: r.name,
    triggers: r.triggers,
    url: r.url,
    retries: r.retries,
    priority: r.priority,
    concurrency: r.concurrency,
  }));
}

/**
 * Asks the app for its functions with the SDK's in-band sync (a PUT whose reply carries the
 * whole configuration), as Inngest's dev server does when it discovers an app.
 */
export async function syncApp(appUrl: string): Promise<RegisteredFunction[]> {
  const res = await fetch(appUrl, {
    method: "PUT",
    headers: {
      "content-type": "application/json",
      "x-inngest-sync-kind": "in_band",
      "x-inngest-server-kind": "dev",
    },
    body: JSON.stringify({ url: appUrl }),
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`sync with ${appUrl} answered ${res.status}`);
  return parseRegistration((await res.json()) as RegisterBody);
}
