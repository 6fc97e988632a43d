"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { Locked } from "@/components/ui/locked";
import { formatDate, formatTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { lockedFeature } from "@/lib/trpc/errors";

type Level = "high" | "medium" | "low";
const LEVEL: Record<Level, { label: string; tone: Tone }> = {
  high: { label: "High risk", tone: "red" },
  medium: { label: "Medium risk", tone: "amber" },
  low: { label: "Low risk", tone: "slate" },
};

/**
 * The next 24 hours per post: open and unconfirmed shifts, guards with recent no-shows or late
 * arrivals, back-to-back shifts, worst first, so a manager can act before a post goes dark.
 */
export function CoverageRiskPanel({
  siteId,
  zones,
}: {
  siteId: string | undefined;
  /** each site's IANA zone, for start times in the site's local time */
  zones: ReadonlyMap<string, string>;
}) {
  const trpc = useTRPC();
  const risk = useQuery({
    ...trpc.shift.coverageRisk.queryOptions(siteId ? { siteId } : {}),
    retry: (n, err) => !lockedFeature(err) && n < 3,
  });
  const locked = lockedFeature(risk.error);
  const posts = risk.data?.posts ?? [];
  return (
    <Card title="Coverage risk · next 24 h">
      {locked ? (
        <div className="p-3">
          <Locked feature={locked}>{risk.error?.message}</Locked>
        </div>
      ) : posts.length ? (
        <ul
          aria-label="Posts at risk in the next 24 hours"
          className="max-h-[36rem] divide-y divide-slate-100 overflow-y-auto"
        >
          {posts.map((p) => {
            const zone = zones.get(p.siteId);
            return (
              <li
                key={p.postId}
                aria-label={`${p.postName}, ${p.siteName}`}
                className="px-4 py-2.5"
              >
                <div className="flex items-start justify-between gap-2">
                  <div className="min-w-0">
                    <div className="text-sm font-medium text-slate-800">{p.postName}</div>
                    <div className="text-xs text-slate-500">{p.siteName}</div>
                  </div>
                  <Badge tone={LEVEL[p.level].tone}>{LEVEL[p.level].label}</Badge>
                </div>
                <ul className="mt-1.5 space-y-1">
                  {p.shifts.map((s) => (
                    <li key={s.id} className="text-xs text-slate-700">
                      <span className="font-medium tabular-nums">
                        {formatDate(s.startsAt, { timeZone: zone, weekday: true }).slice(0, 3)}{" "}
                        {formatTime(s.startsAt, { timeZone: zone })}
                      </span>{" "}
                      · {s.guardName ?? "nobody"}
                      <span className="block text-slate-500">{s.reasons.join(" · ")}</span>
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      ) : (
        <EmptyState>
          {risk.isPending
            ? "Loading…"
            : risk.isError
              ? "The coverage risk could not be loaded."
              : "Every post is covered and confirmed for the next 24 hours."}
        </EmptyState>
      )}
    </Card>
  );
}
