"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Locked } from "@/components/ui/locked";
import { Td, Th } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc/client";
import { lockedFeature } from "@/lib/trpc/errors";
import { PctBadge } from "./board-parts";

const GUARDS_SHOWN = 8;
/** the side panel is narrow: tighter cells than the page tables */
const DENSE = "px-2! py-1.5! first:pl-4! last:pr-4!";
const noLockedRetry = (n: number, err: unknown) => !lockedFeature(err) && n < 3;

/** Compliance % and no-show rate over 30 days, per site and per guard (worst first). */
export function CompliancePanel({ siteId }: { siteId: string | undefined }) {
  const trpc = useTRPC();
  const figures = useQuery({
    ...trpc.shift.compliance.queryOptions({ ...(siteId ? { siteId } : {}), days: 30 }),
    retry: noLockedRetry,
  });
  const [allGuards, setAllGuards] = useState(false);
  const locked = lockedFeature(figures.error);
  const d = figures.data;
  const guards = d ? (allGuards ? d.guards : d.guards.slice(0, GUARDS_SHOWN)) : [];
  return (
    <Card title="Compliance · last 30 days">
      {locked ? (
        <div className="p-3">
          <Locked feature={locked}>{figures.error?.message}</Locked>
        </div>
      ) : !d ? (
        <EmptyState>{figures.isError ? "The figures could not be loaded." : "Loading…"}</EmptyState>
      ) : (
        <>
          <p className="px-4 pt-2.5 text-xs text-slate-500">
            Compliant: checked in on time at the site, with no finding. Excused absences are left
            out.
          </p>
          <div className="overflow-x-auto">
            <table aria-label="Compliance per site" className="w-full text-left text-sm">
              <thead>
                <tr>
                  <Th className={DENSE}>Site</Th>
                  <Th className={`${DENSE} text-right`}>Shifts</Th>
                  <Th className={`${DENSE} text-right`}>Compliant</Th>
                  <Th className={`${DENSE} text-right`}>No-shows</Th>
                </tr>
              </thead>
              <tbody>
                {d.sites.map((s) => (
                  <tr key={s.siteId}>
                    <Td className={DENSE}>{s.siteName}</Td>
                    <Td className={`${DENSE} text-right tabular-nums`}>{s.shifts}</Td>
                    <Td className={`${DENSE} text-right`}>
                      <PctBadge value={s.compliancePct} good={95} fair={85} />
                    </Td>
                    <Td className={`${DENSE} text-right`}>
                      <PctBadge value={s.noShowRatePct} good={2} fair={5} lowerIsBetter />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {d.guards.length ? (
            <div className="overflow-x-auto border-t border-slate-200">
              <table aria-label="Compliance per guard" className="w-full text-left text-sm">
                <thead>
                  <tr>
                    <Th className={DENSE}>Guard</Th>
                    <Th className={`${DENSE} text-right`}>Shifts</Th>
                    <Th className={`${DENSE} text-right`}>Compliant</Th>
                    <Th className={`${DENSE} text-right`}>Late</Th>
                    <Th className={`${DENSE} text-right`}>No-show</Th>
                  </tr>
                </thead>
                <tbody>
                  {guards.map((g) => (
                    <tr key={g.guardId ?? "open"}>
                      <Td className={DENSE}>{g.guardName}</Td>
                      <Td className={`${DENSE} text-right tabular-nums`}>{g.shifts}</Td>
                      <Td className={`${DENSE} text-right`}>
                        <PctBadge value={g.compliancePct} good={95} fair={85} />
                      </Td>
                      <Td className={`${DENSE} text-right tabular-nums`}>
                        {g.late}
                        {g.wrongSite ? (
                          <span className="block text-xs text-red-700">
                            {g.wrongSite} wrong site
                          </span>
                        ) : null}
                      </Td>
                      <Td className={`${DENSE} text-right tabular-nums`}>{g.noShows}</Td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {d.guards.length > GUARDS_SHOWN ? (
                <div className="px-4 py-2">
                  <Button
                    variant="ghost"
                    className="text-xs"
                    onClick={() => setAllGuards((v) => !v)}
                  >
                    {allGuards ? "Show the worst 8" : `Show all ${d.guards.length} guards`}
                  </Button>
                </div>
              ) : null}
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}

/** Tour coverage over 30 days: checkpoints scanned in their window of those scheduled. */
export function TourCoveragePanel({ siteId }: { siteId: string | undefined }) {
  const trpc = useTRPC();
  const tours = useQuery({
    ...trpc.shift.tourCoverage.queryOptions({ ...(siteId ? { siteId } : {}), days: 30 }),
    retry: noLockedRetry,
  });
  const locked = lockedFeature(tours.error);
  const rows = tours.data?.tours ?? [];
  return (
    <Card title="Guard tours · last 30 days">
      {locked ? (
        <div className="p-3">
          <Locked feature={locked}>{tours.error?.message}</Locked>
        </div>
      ) : rows.length ? (
        <div className="overflow-x-auto">
          <table aria-label="Tour coverage" className="w-full text-left text-sm">
            <thead>
              <tr>
                <Th className={DENSE}>Tour</Th>
                <Th className={`${DENSE} text-right`}>Rounds</Th>
                <Th className={`${DENSE} text-right`}>Missed</Th>
                <Th className={`${DENSE} text-right`}>Coverage</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.tourId}>
                  <Td className={DENSE}>
                    <div className="font-medium text-slate-800">
                      {t.tourName} {t.critical ? <Badge tone="violet">critical</Badge> : null}
                    </div>
                    <div className="text-xs text-slate-500">{t.siteName}</div>
                  </Td>
                  <Td className={`${DENSE} text-right tabular-nums`}>{t.rounds}</Td>
                  <Td className={`${DENSE} text-right tabular-nums`}>
                    <span className={t.scheduled - t.scanned ? "text-red-700" : ""}>
                      {t.scheduled - t.scanned}
                    </span>
                    <span className="text-xs text-slate-500"> of {t.scheduled}</span>
                  </Td>
                  <Td className={`${DENSE} text-right`}>
                    <PctBadge value={t.coveragePct} good={95} fair={85} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState>
          {tours.isPending
            ? "Loading…"
            : tours.isError
              ? "Tour coverage could not be loaded."
              : "No tour rounds in the last 30 days."}
        </EmptyState>
      )}
    </Card>
  );
}
