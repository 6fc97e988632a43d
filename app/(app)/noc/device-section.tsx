"use client";

import { useQuery } from "@tanstack/react-query";
import { Sparkline } from "@/components/charts/device-charts";
import {
  ComponentBars,
  HealthBadge,
  kindLabel,
  OnlineBadge,
  PredictionBlock,
} from "@/components/devices/parts";
import { CreateWorkOrderButton } from "@/components/devices/work-order-button";
import { PermittedLink } from "@/components/shell/permitted-link";
import { Locked } from "@/components/ui/locked";
import { RelativeTime } from "@/components/ui/relative-time";
import { tierIncludes, type Tier } from "@/lib/tiers";
import { useTRPC } from "@/lib/trpc/client";

const link = "font-medium text-sky-700 underline-offset-2 hover:underline";

/**
 * The alert panel's device section: for an alert about one device, its health (score,
 * components, 24 h sparkline of the signal its prediction is about), the prediction with its
 * recommendation and a link to the device page; for a site-level device alert, a link to the
 * site's devices. What the client's plan lacks is shown locked.
 */
export function AlertDeviceSection({
  alert,
}: {
  alert: {
    type: string;
    deviceId: string | null;
    siteId: string;
    site?: { tier: Tier } | undefined;
  };
}) {
  if (alert.deviceId) return <DeviceSnapshot id={alert.deviceId} />;
  if (
    !alert.type.startsWith("DEVICE_") ||
    !alert.site ||
    !tierIncludes(alert.site.tier, "deviceHealth")
  )
    return null;
  return (
    <section aria-labelledby="device-heading">
      <h3 id="device-heading" className="mb-1 font-semibold">
        Devices
      </h3>
      <PermittedLink href={`/devices?site=${alert.siteId}`} className={link}>
        Devices at this site →
      </PermittedLink>
    </section>
  );
}

function DeviceSnapshot({ id }: { id: string }) {
  const trpc = useTRPC();
  const snap = useQuery(trpc.device.snapshot.queryOptions({ id }));
  const s = snap.data;
  return (
    <section
      aria-labelledby="device-heading"
      className="space-y-3 rounded-md border border-slate-200 p-3"
    >
      <h3 id="device-heading" className="font-semibold">
        Device
      </h3>
      {!s ? (
        <p className="text-slate-500">
          {snap.isError ? "This device is not available to you." : "Loading the device…"}
        </p>
      ) : (
        <>
          <div>
            <div className="flex flex-wrap items-center gap-2">
              <PermittedLink
                href={`/devices/${s.device.id}`}
                className={link}
                fallback={<span className="font-medium">{s.device.name}</span>}
              >
                {s.device.name}
              </PermittedLink>
              {s.health ? <HealthBadge score={s.health.score} /> : null}
              <OnlineBadge online={s.device.online} since={s.device.offlineSince} />
            </div>
            <p className="text-xs text-slate-500">
              {kindLabel(s.device.kind)} · {s.device.serial} · {s.device.siteName}
              {s.device.lastSeenAt ? (
                <>
                  {" "}
                  · <RelativeTime date={s.device.lastSeenAt} prefix="heard " />
                </>
              ) : null}
            </p>
          </div>
          {s.health ? (
            <div className="space-y-3">
              <ComponentBars components={s.health.components} kind={s.device.kind} compact />
              {s.sparkline ? (
                <Sparkline focus={s.sparkline.focus} points={s.sparkline.points} />
              ) : null}
            </div>
          ) : null}
          {s.locked.includes("deviceFailureAlerts") ? null : (
            <PredictionBlock
              prediction={s.prediction}
              asOf={s.predictionAsOf}
              action={
                s.prediction ? (
                  <CreateWorkOrderButton device={s.device} type={s.prediction.type} />
                ) : null
              }
            />
          )}
          {s.locked.map((f) => (
            <Locked key={f} feature={f} />
          ))}
        </>
      )}
    </section>
  );
}
