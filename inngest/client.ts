import { Inngest } from "inngest";
import { clientOptions, inngestMode } from "@/server/events/client";
import { RunHistory } from "./middleware/run-history";

/**
 * The client the background functions are made on and served with. Services send through
 * `eventClient` (server/events), which this one matches but for the run-history middleware:
 * that mirrors runs into job_runs through services, so it lives up here with the functions.
 */
export const inngest = new Inngest({
  ...clientOptions,
  middleware: inngestMode === "inngest" ? [RunHistory] : [],
});
