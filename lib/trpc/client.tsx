"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useEffect, useState } from "react";
import superjson from "superjson";
import { z } from "zod";
import type { AppRouter } from "@/server/api/root";
import { TRPC_MAX_BATCH_SIZE } from "./limits";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

// In the browser zod would probe for eval (new Function), which the pages' CSP refuses and
// reports as a violation; the server keeps zod's compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

let browserQueryClient: QueryClient | undefined;
function getQueryClient() {
  if (typeof window === "undefined") return makeQueryClient();
  return (browserQueryClient ??= makeQueryClient());
}

export function TRPCReactProvider({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      // live changes come from /api/live (components/shell/live-updates.tsx), not tRPC
      links: [
        httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: TRPC_MAX_BATCH_SIZE }),
      ],
    }),
  );
  // <html data-hydrated>: React listens from here on (a click now is never lost); the browser
  // tests wait for it after each navigation, as a person waits for a page to respond
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
