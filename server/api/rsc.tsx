import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import { makeQueryClient } from "@/lib/trpc/query-client";
import { appRouter, createCaller } from "./root";
import { createTRPCContext } from "./trpc";

/** Server-component helpers: prefetch through tRPC and hand the cache to the browser. */
export const getQueryClient = cache(makeQueryClient);

const createContext = cache(async () =>
  createTRPCContext({ headers: new Headers(await headers()) }),
);

export const trpc = createTRPCOptionsProxy({
  ctx: createContext,
  router: appRouter,
  queryClient: getQueryClient,
});

export const serverCaller = cache(async () => createCaller(await createContext()));

export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
