import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { CROSS_SITE_MESSAGE, isCrossSite } from "@/server/api/http";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";

function handler(req: Request) {
  if (isCrossSite(req)) return Response.json({ error: CROSS_SITE_MESSAGE }, { status: 403 });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
