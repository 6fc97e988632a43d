import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/trpc/limits";
import { CROSS_SITE_MESSAGE, isCrossSite } from "@/server/api/http";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";

const ENDPOINT = "/api/trpc";

/** The calls of a batch request (`/api/trpc/a,b,c?batch=1`), counted as tRPC splits them. */
function batchSize(req: Request): number {
  const url = new URL(req.url);
  if (url.searchParams.get("batch") !== "1") return 1;
  const path = url.pathname.slice(url.pathname.indexOf(ENDPOINT) + ENDPOINT.length + 1);
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // a malformed escape: tRPC answers it itself
  }
  return decoded.split(",").length;
}

/** A 400 in tRPC's own error shape (superjson envelope), so a tRPC client shows its message. */
function batchTooLarge(size: number): Response {
  const message = `A batch may hold at most ${TRPC_MAX_BATCH_SIZE} calls; this one has ${size}. Send the rest in another request.`;
  return Response.json(
    {
      error: {
        json: {
          message,
          code: TRPC_ERROR_CODES_BY_KEY.BAD_REQUEST,
          data: { code: "BAD_REQUEST", httpStatus: 400 },
        },
      },
    },
    { status: 400 },
  );
}

function handler(req: Request) {
  if (isCrossSite(req)) return Response.json({ error: CROSS_SITE_MESSAGE }, { status: 403 });
  const size = batchSize(req);
  if (size > TRPC_MAX_BATCH_SIZE) return batchTooLarge(size);
  return fetchRequestHandler({
    endpoint: ENDPOINT,
    req,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
