import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

const inngestHandlers = serve({ client: inngest, functions });

const FUNCTION_IDS = new Set(
  functions.flatMap((fn) => {
    const id = fn.id(inngest.id);
    // the SDK serves each function's onFailure handler as `<id>-failure`
    return [id, `${id}-failure`];
  }),
);

type Handler = (req: NextRequest, ctx: unknown) => Promise<Response>;

/**
 * Inngest's handler parses the body before it checks the request's signature and throws (a 500)
 * on one that is not JSON, and answers a call of a function this app does not have with a 500:
 * both are the caller's mistake, so they get a 400 / 404 that says so.
 */
function checked(handler: Handler): Handler {
  return async (req, ctx) => {
    if (req.method === "POST" || req.method === "PUT") {
      const text = await req.clone().text();
      try {
        if (text) JSON.parse(text);
      } catch {
        return Response.json({ error: "The body is not valid JSON" }, { status: 400 });
      }
    }
    const fnId = new URL(req.url).searchParams.get("fnId");
    if (req.method === "POST" && fnId !== null && !FUNCTION_IDS.has(fnId))
      return Response.json(
        { error: "fnId: no background function of that id here" },
        { status: 404 },
      );
    return handler(req, ctx);
  };
}

export const GET = checked(inngestHandlers.GET);
export const POST = checked(inngestHandlers.POST);
export const PUT = checked(inngestHandlers.PUT);
