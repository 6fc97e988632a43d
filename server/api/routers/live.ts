import { liveBus } from "@/server/services/live/bus";
import { alertViewer } from "@/server/services/noc/access";
import { router, tenantProcedure } from "../trpc";

export const liveRouter = router({
  /**
   * Streams the signed-in user's tenant's change events; the browser invalidates what they
   * touch. Alert events also carry the changed queue rows the user may see, to patch in place.
   */
  onChange: tenantProcedure.subscription(async function* ({ ctx, signal }) {
    const abort = signal ?? new AbortController().signal;
    // roles without the queue (alertViewer refuses them) get the events' ids only
    yield* liveBus.subscribe(ctx.svc.tenantId, abort, () => alertViewer(ctx.svc));
  }),
});
