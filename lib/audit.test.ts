import { describe, expect, it } from "vitest";
import {
  actionLabel,
  changeSummary,
  csvCell,
  csvLine,
  fieldChanges,
  fieldLabel,
  readableValue,
} from "./audit";

describe("audit log in words", () => {
  it("names actions and fields", () => {
    expect(actionLabel("work_order.link_sent")).toBe("Work order: link sent");
    expect(actionLabel("alert.acknowledge")).toBe("Alert: acknowledge");
    expect(actionLabel("something")).toBe("Something");
    expect(fieldLabel("resolutionDueAt")).toBe("Resolution due at");
    expect(fieldLabel("vendor_id")).toBe("Vendor id");
  });
  it("reads values as a person would", () => {
    expect(readableValue(null)).toBe("—");
    expect(readableValue(true)).toBe("yes");
    expect(readableValue("in_progress")).toBe("in progress");
    expect(readableValue("2026-11-04T15:00:00.000Z")).toBe("2026-11-04 15:00 UTC");
    expect(readableValue("6f1c2a3b-1111-4222-8333-abcdefabcdef")).toBe("…abcdef");
    expect(readableValue(["hvac", "locks"])).toBe("hvac, locks");
    expect(readableValue("x".repeat(200))).toHaveLength(120);
    expect(readableValue({ a: 1 })).toBe('{"a":1}');
  });
  it("lists before → after per field, and a one-sided record as its values", () => {
    const c = fieldChanges({ status: "assigned" }, { status: "new", reason: "busy" });
    expect(c).toEqual([
      { field: "Status", before: "assigned", after: "new" },
      { field: "Reason", before: null, after: "busy" },
    ]);
    expect(changeSummary(c)).toBe("Status: assigned → new; Reason: busy");
    expect(fieldChanges(null, { note: "hi" })).toEqual([
      { field: "Note", before: null, after: "hi" },
    ]);
    expect(fieldChanges(null, null)).toEqual([]);
  });
  it("writes CSV that spreadsheets read safely", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("-5")).toBe("'-5");
    expect(csvLine(["a", "b,c"])).toBe('a,"b,c"\r\n');
  });
});
