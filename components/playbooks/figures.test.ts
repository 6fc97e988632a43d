import { describe, expect, it } from "vitest";
import { keyLabel, outputLines, percent } from "./figures";

describe("playbook figures", () => {
  it("shows rates as whole percents, and a dash before there is anything to divide", () => {
    expect(percent(null)).toBe("—");
    expect(percent(0)).toBe("0%");
    expect(percent(0.8333)).toBe("83%");
    expect(percent(1)).toBe("100%");
  });

  it("names output keys in words", () => {
    expect(keyLabel("lastValue")).toBe("Last value");
    expect(keyLabel("open_tickets")).toBe("Open tickets");
    expect(keyLabel("met")).toBe("Met");
  });

  it("shows plain values as they are and counts lists, keeping the whole for a disclosure", () => {
    const lines = outputLines({
      met: false,
      lastValue: 4.256,
      polls: 3,
      note: "<b>not markup</b>",
      checkedAt: "2026-12-03T10:15:00.000Z",
      openTickets: [{ id: "t1" }, { id: "t2" }],
      telemetry: { temperature_c: 4 },
      device: null,
    });
    expect(lines.map((l) => [l.label, l.value])).toEqual([
      ["Met", "no"],
      ["Last value", "4.26"],
      ["Polls", "3"],
      ["Note", "<b>not markup</b>"],
      ["Checked at", "2026-12-03 10:15"],
      ["Open tickets", "2 items"],
      ["Telemetry", "1 field"],
    ]);
    expect(lines.find((l) => l.key === "openTickets")?.detail).toContain('"t2"');
    expect(lines.find((l) => l.key === "met")?.detail).toBeNull();
    expect(outputLines(null)).toEqual([]);
  });
});
