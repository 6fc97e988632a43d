import { liveBus } from "@/server/services/live/bus";
import { router, tenantProcedure } from "../trpc";

export const liveRouter = router({
  /** Streams the signed-in user's tenant's change events; the browser invalidates what they touch. */
  onChange: tenantProcedure.subscription(async function* ({ ctx, signal }) {
    const abort = signal ?? new AbortController().signal;
    yield* liveBus.subscribe(ctx.svc.tenantId, abort);
  }),
});
