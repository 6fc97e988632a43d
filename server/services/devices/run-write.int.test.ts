import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, schema } from "@/server/db";
import type { DevicePrediction } from "@/server/db/schema";
import { jobContext } from "@/server/services/_core/system";
import { createTestDevice } from "@/server/test/devices";
import { createTestTenant } from "@/server/test/factories";
import type { DeviceRow, Evaluated } from "./evaluate";
import { writeResults } from "./run-write";

const T0 = new Date("2026-11-20T10:05:00Z");
const H = 3_600_000;
const hourAfter = (k: number) => new Date(T0.getTime() + k * H);

/**
 * The run writes every device's score history each hour, but its device_health row only
 * when what is shown or acted on changed (health-signature.ts): an hour in which only the
 * numbers in the reasons moved leaves the row, and its scored_at, as they were.
 */
describe("writing the run's results", () => {
  it("rewrites a device's health only when what is shown changed, its history every hour", async () => {
    const t = await createTestTenant("dev-write");
    const ctx = jobContext(t.tenant.id, "test");
    const device = await createTestDevice(t, { site: 0, kind: "panic_button" });
    const health = async () =>
      (
        await db
          .select()
          .from(schema.deviceHealth)
          .where(eq(schema.deviceHealth.deviceId, device.id))
      )[0];
    const evaluated = async (probability: number, level: number): Promise<Evaluated> => {
      const prediction: DevicePrediction = {
        probability,
        type: "battery",
        byType: { battery: probability, connectivity: 0.03, device: 0.02 },
        explanation: [
          { key: "battery_low_draining", label: `Battery ${level} % and draining 0.8 %/h` },
        ],
        recommendation: "Replace or charge the battery",
        scoredBy: "rules",
      };
      // the run reads the row's signature beside the device; the rest of the row is not written
      const row = { id: device.id, prevSignature: (await health())?.signature ?? null };
      return {
        row: row as DeviceRow,
        online: true,
        timedOut: false,
        score: 41,
        components: { battery: 12, signal: 80, uptime: 100, temperature: 100 },
        prediction,
        failures: [],
      };
    };

    await writeResults(ctx, [await evaluated(0.62, 12.4)], hourAfter(0));
    expect(await health()).toMatchObject({ scoredAt: hourAfter(0), probability: 0.62 });

    // the next hour only the level in the label moved: the row is left as it was
    const quiet = await writeResults(ctx, [await evaluated(0.62, 11.9)], hourAfter(1));
    expect(quiet.rewritten).toBe(0);
    const kept = await health();
    expect(kept?.scoredAt).toEqual(hourAfter(0));
    expect(kept?.prediction?.explanation[0]?.label).toBe("Battery 12.4 % and draining 0.8 %/h");

    // a point more: rewritten, with the figures of this hour
    const moved = await writeResults(ctx, [await evaluated(0.63, 11.2)], hourAfter(2));
    expect(moved.rewritten).toBe(1);
    const now = await health();
    expect(now).toMatchObject({ scoredAt: hourAfter(2), probability: 0.63 });
    expect(now?.prediction?.explanation[0]?.label).toBe("Battery 11.2 % and draining 0.8 %/h");

    // the history has every hour, with that hour's own probability
    const history = await db
      .select({ runAt: schema.deviceScores.runAt, probability: schema.deviceScores.probability })
      .from(schema.deviceScores)
      .where(eq(schema.deviceScores.deviceId, device.id))
      .orderBy(schema.deviceScores.runAt);
    expect(history).toEqual([
      { runAt: hourAfter(0), probability: 0.62 },
      { runAt: hourAfter(1), probability: 0.62 },
      { runAt: hourAfter(2), probability: 0.63 },
    ]);
  });
});
