import { auth } from "@/server/auth";
import { isCrossSite } from "@/server/api/http";
import { staffFromSession } from "@/server/api/signed-in";
import type { ServiceCtx, UserActor } from "@/server/services/_core/context";
import { ServiceError } from "@/server/services/_core/errors";
import { inspectApprovalLink, followApprovalLink } from "@/server/services/playbooks/approval-use";

/**
 * Approve/reject links from the approval e-mail and Slack message. GET shows what the link
 * would do and asks to confirm (mail scanners that open links change nothing); POST does it.
 * The clicker must be signed in as a supervisor or admin of the run's tenant: that is who is
 * recorded as the approver. Used, expired, tampered or foreign links show a plain page.
 */

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string, status = 200): Response {
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} · Watchfloor</title></head><body><main><h1>${esc(title)}</h1>${body}<p><a href="/noc">Go to the NOC queue</a></p></main></body></html>`,
    {
      status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    },
  );
}

async function signedIn(
  req: Request,
): Promise<{ response: Response } | { ctx: ServiceCtx<UserActor> }> {
  const staff = await staffFromSession(await auth());
  if ("refusal" in staff) {
    const back = new URL(req.url);
    const callback = `${back.pathname}${back.search}`;
    return {
      response: page(
        "Sign in to decide",
        `<p>Sign in as a supervisor or admin, then open the link again.</p><p><a href="/login?callbackUrl=${encodeURIComponent(callback)}">Sign in</a></p>`,
        401,
      ),
    };
  }
  return { ctx: staff.ctx };
}

function refusal(err: unknown): Response {
  if (err instanceof ServiceError)
    return page(
      err.kind === "forbidden" ? "Not allowed" : "Nothing was done",
      `<p>${esc(err.message)}</p>`,
      err.kind === "forbidden" ? 403 : 409,
    );
  throw err;
}

export async function GET(req: Request): Promise<Response> {
  const token = new URL(req.url).searchParams.get("token");
  const who = await signedIn(req);
  if ("response" in who) return who.response;
  try {
    const view = await inspectApprovalLink(who.ctx, token, new Date());
    if (!view.ok) return page("Nothing was done", `<p>${esc(view.message)}</p>`, 410);
    const verb = view.claims.decision === "approve" ? "Approve" : "Reject";
    return page(
      `${verb} this playbook run?`,
      `<p>Playbook <strong>${esc(view.playbookName)}</strong> against ${esc(view.alertType)} “${esc(view.alertTitle)}” at ${esc(view.siteName)}.</p>` +
        `<form method="post" action="/api/playbooks/approve"><input type="hidden" name="token" value="${esc(String(token))}"><button type="submit">${verb} run</button></form>`,
    );
  } catch (err) {
    return refusal(err);
  }
}

export async function POST(req: Request): Promise<Response> {
  if (isCrossSite(req))
    return page("Nothing was done", "<p>This request came from another site.</p>", 403);
  const who = await signedIn(req);
  if ("response" in who) return who.response;
  const form = await req.formData().catch(() => null);
  const token = form?.get("token");
  try {
    const done = await followApprovalLink(who.ctx, token, new Date());
    return page(
      done.decision === "approve" ? "Run approved" : "Run rejected",
      `<p>${done.decision === "approve" ? "The playbook run carries on." : "The playbook run will not go ahead."} You are recorded as the one who decided.</p>`,
    );
  } catch (err) {
    return refusal(err);
  }
}
