"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { RosterAssignments } from "@/components/shifts/roster-assignments";
import { RosterPanel, type RosterPanelState } from "@/components/shifts/roster-panel";
import { RosterPosts } from "@/components/shifts/roster-posts";
import { RosterSchedule } from "@/components/shifts/roster-schedule";
import { RosterSitePicker } from "@/components/shifts/roster-site-picker";
import { RosterTemplates } from "@/components/shifts/roster-templates";
import { RosterTours } from "@/components/shifts/roster-tours";
import { PageHeader } from "@/components/ui/card";
import { useTRPC } from "@/lib/trpc/client";
import { rosterHref } from "./search-params";

export function RosterClient({
  initialSiteId,
  missing,
}: {
  initialSiteId: string | null;
  missing: boolean;
}) {
  const trpc = useTRPC();
  const sites = useQuery(trpc.site.list.queryOptions({}));
  const [siteId, setSiteId] = useState(initialSiteId);
  const [panel, setPanel] = useState<RosterPanelState>(null);
  const site = sites.data?.find((s) => s.id === siteId);

  const chooseSite = (id: string) => {
    setSiteId(id);
    setPanel(null);
    window.history.replaceState(null, "", rosterHref(id));
  };

  return (
    <>
      <PageHeader
        title="Roster"
        description="Posts, shift templates, who holds them, and guard tours with their checkpoint codes. Every change rebuilds the next 14 days of the schedule."
        actions={<RosterSitePicker sites={sites.data ?? []} value={siteId} onChange={chooseSite} />}
      />
      {missing && !siteId ? (
        <p
          role="alert"
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          That site was not found among the sites you manage. Choose one of yours above.
        </p>
      ) : null}
      {!siteId || !site ? (
        missing ? null : (
          <p className="rounded-lg border border-slate-200 bg-white px-4 py-8 text-center text-sm text-slate-500">
            You manage no sites yet, so there is no roster to edit.
          </p>
        )
      ) : (
        <div
          className={`grid grid-cols-1 items-start gap-6 ${panel ? "lg:grid-cols-[minmax(0,1fr)_400px]" : ""}`}
        >
          <div className="min-w-0 space-y-6">
            <div
              className={`grid grid-cols-1 items-start gap-6 ${panel ? "2xl:grid-cols-2" : "xl:grid-cols-2"}`}
            >
              <RosterPosts siteId={site.id} onOpen={setPanel} />
              <RosterTours siteId={site.id} onOpen={setPanel} />
            </div>
            <RosterTemplates siteId={site.id} onOpen={setPanel} />
            <RosterAssignments siteId={site.id} onOpen={setPanel} />
            <RosterSchedule siteId={site.id} timeZone={site.timeZone} />
          </div>
          {panel ? (
            <div className="lg:sticky lg:top-4">
              <RosterPanel
                siteId={site.id}
                timeZone={site.timeZone}
                panel={panel}
                onDone={() => setPanel(null)}
              />
            </div>
          ) : null}
        </div>
      )}
    </>
  );
}
