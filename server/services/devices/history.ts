import "server-only";
import { rawRows } from "@/server/db/raw";
import type { JobCtx } from "../_core/system";
import { evaluateDevice, type DeviceRow } from "./evaluate";
import { deviceWindowsQuery, usableDeviceModel } from "./run";
import { insertScoreHistory } from "./run-write";

/**
 * Fills the score history at past instants from the hourly rollups (a restored database, a
 * fleet imported with its telemetry, the demo data). Only `device_scores` is written: the
 * devices' current state, failures and alerts belong to the live run.
 */
export async function backfillScores(ctx: JobCtx, instants: Date[]) {
  const model = await usableDeviceModel(ctx);
  let written = 0;
  for (const at of instants) {
    const rows = await rawRows<DeviceRow>(ctx.db, deviceWindowsQuery(ctx.tenantId, at));
    const scored = rows
      // what was live then is not known: the window's own means stand in for it
      .map((r) =>
        evaluateDevice(
          {
            ...r,
            online: true,
            lastSeenMs: at.getTime(),
            lastBattery: null,
            lastSignal: null,
            lastTemperature: null,
          },
          model,
          at,
        ),
      )
      .filter((e) => e.score !== null && e.row.up24 !== null);
    if (!scored.length) continue;
    await insertScoreHistory(ctx.db, at, scored);
    written += scored.length;
  }
  return written;
}
