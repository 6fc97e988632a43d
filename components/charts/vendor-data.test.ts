import { describe, expect, it } from "vitest";
import {
  changeView,
  componentHeading,
  documentState,
  monthLabel,
  scoreText,
  scoreTone,
  trendData,
  trendSummary,
  type TrendMonth,
} from "./vendor-data";

const month = (m: string, overall: number | null, orders = 3): TrendMonth => ({
  month: m,
  orders: overall === null ? 0 : orders,
  tenantOverall: 75,
  score:
    overall === null
      ? null
      : {
          overall,
          low: overall - 10,
          high: overall + 10,
          components: { sla: 80, time: 70, quality: 60, rework: 100 },
        },
});

describe("vendor page mappers", () => {
  it("writes scores with their uncertainty and the weights in headings", () => {
    expect(scoreText(81.6, 9.4)).toBe("82 ± 9");
    expect(scoreText(null, 44)).toBe("—");
    expect(componentHeading("sla")).toBe("SLA 40%");
    expect(componentHeading("rework")).toBe("Rework 10%");
    expect(scoreTone(80)).toBe("green");
    expect(scoreTone(79.9)).toBe("amber");
    expect(scoreTone(10)).toBe("red");
  });

  it("shows rank changes as arrows with a spoken label, or new", () => {
    expect(changeView(null)).toMatchObject({ text: "new", direction: "new" });
    expect(changeView({ rank: 3, score: 4.2 })).toEqual({
      text: "▲ 3",
      label: "Up 3 places, score +4.2",
      direction: "up",
    });
    expect(changeView({ rank: -1, score: -2 })).toMatchObject({
      text: "▼ 1",
      label: "Down 1 place, score -2",
    });
    expect(changeView({ rank: 0, score: null })).toMatchObject({ text: "=", label: "Same place" });
  });

  it("maps months to chart points with gaps where the vendor had no orders", () => {
    expect(monthLabel("2026-03")).toBe("Mar 26");
    const data = trendData([month("2026-01", null), month("2026-02", 70)]);
    expect(data[0]).toMatchObject({ label: "Jan 26", overall: null, band: null, tenant: 75 });
    expect(data[1]).toMatchObject({ overall: 70, band: [60, 80], sla: 80, rework: 100 });
    expect(trendSummary([month("2026-01", null), month("2026-02", 70)])).toBe(
      "3 orders; scored 70 in Feb 26.",
    );
    expect(trendSummary([month("2026-01", 60.4, 2), month("2026-02", 70)])).toBe(
      "5 orders over 2 months; from 60 in Jan 26 to 70 in Feb 26.",
    );
    expect(trendSummary([month("2026-01", null)])).toBe(
      "No completed orders in the last 1 months.",
    );
  });

  it("marks documents expired, expiring within 30 days, or valid", () => {
    expect(documentState("2026-01-09", "2026-01-10")).toBe("expired");
    expect(documentState("2026-01-10", "2026-01-10")).toBe("soon");
    expect(documentState("2026-02-09", "2026-01-10")).toBe("soon");
    expect(documentState("2026-02-10", "2026-01-10")).toBe("valid");
  });
});
