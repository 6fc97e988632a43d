import type { LiveTopic } from "@/lib/live-topics";
import type { useTRPC } from "@/lib/trpc/client";

type TRPC = ReturnType<typeof useTRPC>;
/** A tRPC query filter (pathFilter/queryFilter): what a change makes the page refetch. */
export type LiveFilter = ReturnType<TRPC["alert"]["pathFilter"]>;

/**
 * The queries a topic's change touches, refetched when its event arrives (alert events that
 * carry their rows patch the queue instead; lib/live-queue.ts).
 */
export function liveTopicQueries(trpc: TRPC): Record<LiveTopic, LiveFilter[]> {
  return {
    user: [trpc.user.pathFilter(), trpc.group.pathFilter(), trpc.audit.pathFilter()],
    client: [
      trpc.client.pathFilter(),
      trpc.site.pathFilter(),
      trpc.audit.pathFilter(),
      trpc.alert.filterOptions.pathFilter(),
    ],
    site: [trpc.site.pathFilter(), trpc.client.pathFilter(), trpc.audit.pathFilter()],
    group: [
      trpc.group.pathFilter(),
      trpc.tenant.pathFilter(),
      trpc.audit.pathFilter(),
      trpc.alert.filterOptions.pathFilter(),
    ],
    notification: [trpc.notification.pathFilter(), trpc.outbox.pathFilter()],
    job: [trpc.job.pathFilter()],
    alert: [trpc.alert.pathFilter(), trpc.nocSettings.pathFilter()],
    ticket: [trpc.ticket.pathFilter(), trpc.slaPolicy.pathFilter()],
    workOrder: [trpc.workOrder.pathFilter(), trpc.vendor.pathFilter()],
    shift: [trpc.shift.pathFilter(), trpc.roster.pathFilter(), trpc.myShift.pathFilter()],
    device: [trpc.device.pathFilter()],
    playbookRun: [trpc.playbook.pathFilter()],
  };
}
