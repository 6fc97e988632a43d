"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { MetricChart, ScoreTrendChart } from "@/components/charts/device-charts";
import {
  ComponentBars,
  HealthBadge,
  kindLabel,
  OnlineBadge,
  PredictionBlock,
} from "@/components/devices/parts";
import { CreateWorkOrderButton } from "@/components/devices/work-order-button";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { Locked } from "@/components/ui/locked";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDate } from "@/lib/format";
import { useTRPC } from "@/lib/trpc/client";
import { lockedFeature } from "@/lib/trpc/errors";
import { DeviceHistory } from "./history";

const backLink = "font-medium text-sky-800 underline-offset-2 hover:underline";

/** One device: its health now and over the week, its prediction, and what happened to it. */
export function DeviceClient({ id }: { id: string }) {
  const trpc = useTRPC();
  const detail = useQuery({
    ...trpc.device.get.queryOptions({ id }),
    retry: (n, err) => !lockedFeature(err) && n < 3,
  });
  const back = (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
      <Link href="/devices" className={backLink}>
        ← Devices
      </Link>
    </nav>
  );
  const d = detail.data;
  if (!d) {
    const locked = lockedFeature(detail.error);
    return (
      <>
        {back}
        <Card title="Device">
          {locked ? (
            <div className="p-4">
              <Locked feature={locked}>{detail.error?.message}</Locked>
            </div>
          ) : (
            <EmptyState>
              {detail.isError
                ? "This device does not exist or is not in your sites."
                : "Loading the device…"}
            </EmptyState>
          )}
        </Card>
      </>
    );
  }
  const dev = d.device;
  const tz = dev.timeZone;
  const prediction = dev.prediction;
  return (
    <>
      {back}
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold tracking-tight">
            {dev.name} <HealthBadge score={dev.score} />
            <OnlineBadge online={dev.online} since={dev.offlineSince} />
          </h1>
          <p className="text-sm text-slate-600">
            {kindLabel(dev.kind)} · {dev.model || "model unknown"} · serial {dev.serial} ·{" "}
            {dev.siteName} ({dev.clientName})
          </p>
          <p className="text-xs text-slate-500">
            {dev.lastSeenAt ? (
              <RelativeTime date={dev.lastSeenAt} prefix="Last heard " />
            ) : (
              "Never heard from"
            )}
            {d.lastRunAt ? (
              <>
                {" "}
                · <RelativeTime date={d.lastRunAt} prefix="checked " />
              </>
            ) : null}
            {dev.scoredAt ? (
              <>
                {" "}
                · <RelativeTime date={dev.scoredAt} prefix="health changed " />
              </>
            ) : null}
            {dev.installedAt ? ` · installed ${formatDate(dev.installedAt, { timeZone: tz })}` : ""}
          </p>
        </div>
      </div>
      {d.replacement.available && d.replacement.reason ? (
        <p
          role="note"
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <Badge tone="amber">Listed for replacement</Badge> {d.replacement.reason}
        </p>
      ) : null}

      <div className="grid items-start gap-4 lg:grid-cols-2">
        <Card title={dev.score === null ? "Health: not scored yet" : `Health ${dev.score}`}>
          <div className="space-y-3 p-4">
            <ComponentBars components={dev.components} kind={dev.kind} />
            <dl className="grid grid-cols-3 gap-2 text-sm">
              <LastReading label="Battery" value={dev.lastBattery} unit="%" />
              <LastReading label="Signal" value={dev.lastSignal} unit=" dBm" />
              <LastReading label="Temperature" value={dev.lastTemperature} unit=" °C" />
            </dl>
          </div>
        </Card>
        <Card title="Prediction, next hour">
          <div className="p-4">
            <PredictionBlock
              prediction={prediction}
              asOf={dev.scoredAt}
              action={
                prediction ? <CreateWorkOrderButton device={dev} type={prediction.type} /> : null
              }
            />
          </div>
        </Card>
      </div>

      <div className="mt-4 space-y-4">
        <ScoreTrendChart scores={d.scores} timeZone={tz} />
        <div className="grid gap-4 lg:grid-cols-3">
          {dev.profile.battery ? (
            <MetricChart metric="battery" series={d.series} timeZone={tz} />
          ) : null}
          <MetricChart metric="signal" series={d.series} timeZone={tz} />
          <MetricChart
            metric="temperature"
            series={d.series}
            timeZone={tz}
            range={dev.profile.tempRange}
          />
        </div>
        <DeviceHistory
          alerts={d.alerts}
          failures={d.failures}
          workOrders={d.workOrders}
          timeZone={tz}
        />
      </div>
    </>
  );
}

function LastReading({
  label,
  value,
  unit,
}: {
  label: string;
  value: number | null;
  unit: string;
}) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-medium tabular-nums">
        {/* a reading to one decimal, as the prediction's reasons give it */}
        {value === null ? "—" : `${Math.round(value * 10) / 10}${unit}`}
      </dd>
    </div>
  );
}
