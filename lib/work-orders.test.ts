import { describe, expect, it } from "vitest";
import {
  canReassign,
  canTransition,
  isPossibleRework,
  isVendorReadOnly,
  nextStatusesFor,
  TRANSITIONS,
  transitionEffect,
  WORK_ORDER_CATEGORIES,
  WORK_ORDER_CATEGORY_LABELS,
  WORK_ORDER_STATUSES,
  WORK_ORDER_STATUS_LABELS,
  type WorkOrderStatus,
} from "./work-orders";

describe("work-order lifecycle", () => {
  it("lets a vendor only accept, start, hold, resume and complete", () => {
    const vendorMoves: string[] = [];
    for (const from of WORK_ORDER_STATUSES)
      for (const to of nextStatusesFor(from, "vendor")) vendorMoves.push(`${from}->${to}`);
    expect(vendorMoves.sort()).toEqual(
      [
        "assigned->accepted",
        "accepted->in_progress",
        "in_progress->on_hold",
        "in_progress->completed",
        "on_hold->in_progress",
      ].sort(),
    );
  });

  it("keeps staff-only steps from vendors", () => {
    expect(canTransition("new", "assigned", "vendor")).toBe(false);
    expect(canTransition("assigned", "cancelled", "vendor")).toBe(false);
    expect(canTransition("completed", "verified", "vendor")).toBe(false);
    expect(canTransition("completed", "in_progress", "vendor")).toBe(false);
    expect(canTransition("verified", "assigned", "vendor")).toBe(false);
  });

  it("lets staff assign, verify, send back and reopen", () => {
    expect(canTransition("new", "assigned", "staff")).toBe(true);
    expect(canTransition("completed", "verified", "staff")).toBe(true);
    expect(canTransition("completed", "in_progress", "staff")).toBe(true);
    expect(canTransition("verified", "assigned", "staff")).toBe(true);
    expect(canTransition("new", "completed", "staff")).toBe(false);
    expect(canTransition("assigned", "verified", "staff")).toBe(false);
  });

  it("lets staff cancel anything not completed, verified or cancelled", () => {
    const cancellable = WORK_ORDER_STATUSES.filter((s) => canTransition(s, "cancelled", "staff"));
    expect(cancellable).toEqual(["new", "assigned", "accepted", "in_progress", "on_hold"]);
  });

  it("has no way out of cancelled, and verified only reopens", () => {
    expect(TRANSITIONS.cancelled).toEqual([]);
    expect(nextStatusesFor("cancelled", "staff")).toEqual([]);
    expect(nextStatusesFor("verified", "staff")).toEqual(["assigned"]);
    expect(nextStatusesFor("verified", "vendor")).toEqual([]);
  });

  it("never lists a status change to itself", () => {
    for (const s of WORK_ORDER_STATUSES) expect(canTransition(s, s, "staff")).toBe(false);
  });

  it("reassigns open orders after the first assignment", () => {
    const reassignable = WORK_ORDER_STATUSES.filter(canReassign);
    expect(reassignable).toEqual(["assigned", "accepted", "in_progress", "on_hold"]);
    expect(canTransition("in_progress", "assigned", "staff")).toBe(true);
    expect(canTransition("in_progress", "assigned", "vendor")).toBe(false);
  });

  it("flags only a reopened verified order as rework", () => {
    const reworks: string[] = [];
    for (const from of WORK_ORDER_STATUSES)
      for (const t of TRANSITIONS[from])
        if (transitionEffect(from, t.to)?.isRework) reworks.push(`${from}->${t.to}`);
    expect(reworks).toEqual(["verified->assigned"]);
    expect(transitionEffect("verified", "assigned")).toMatchObject({
      action: "reopen",
      clearCompleted: true,
    });
  });

  it("describes the stamps each step sets", () => {
    expect(transitionEffect("accepted", "in_progress")).toMatchObject({ setStarted: true });
    expect(transitionEffect("on_hold", "in_progress")).toMatchObject({
      action: "resume",
      setStarted: false,
    });
    expect(transitionEffect("in_progress", "completed")).toMatchObject({ setCompleted: true });
    expect(transitionEffect("completed", "in_progress")).toMatchObject({
      action: "send_back",
      clearCompleted: true,
      isRework: false,
    });
    expect(transitionEffect("on_hold", "cancelled")).toMatchObject({ revokeVendorLink: true });
    expect(transitionEffect("accepted", "assigned")).toMatchObject({
      action: "reassign",
      revokeVendorLink: true,
    });
  });

  it("returns no effect for a change that is not allowed", () => {
    expect(transitionEffect("cancelled", "assigned")).toBeNull();
    expect(transitionEffect("new", "verified")).toBeNull();
  });

  it("makes the portal read-only once the vendor's part is over", () => {
    const readOnly = WORK_ORDER_STATUSES.filter(isVendorReadOnly);
    expect(readOnly).toEqual(["completed", "verified", "cancelled"] satisfies WorkOrderStatus[]);
  });

  it("labels every status and category", () => {
    for (const s of WORK_ORDER_STATUSES) expect(WORK_ORDER_STATUS_LABELS[s]).toBeTruthy();
    for (const c of WORK_ORDER_CATEGORIES) expect(WORK_ORDER_CATEGORY_LABELS[c]).toBeTruthy();
    expect(WORK_ORDER_CATEGORY_LABELS.hvac).toBe("HVAC");
  });
});

describe("possible rework", () => {
  const verifiedAt = new Date("2025-03-01T12:00:00Z");
  const earlier = { siteId: "s1", category: "hvac" as const, verifiedAt };
  const at = (iso: string) => ({
    siteId: "s1",
    category: "hvac" as const,
    createdAt: new Date(iso),
  });

  it("flags the same site and category within 14 days of verification", () => {
    expect(isPossibleRework(earlier, at("2025-03-02T00:00:00Z"))).toBe(true);
    expect(isPossibleRework(earlier, at("2025-03-15T12:00:00Z"))).toBe(true);
    expect(isPossibleRework(earlier, at("2025-03-15T12:00:01Z"))).toBe(false);
    expect(isPossibleRework(earlier, at("2025-02-28T00:00:00Z"))).toBe(false);
  });

  it("ignores other sites, other categories and unverified orders", () => {
    const created = at("2025-03-02T00:00:00Z");
    expect(isPossibleRework(earlier, { ...created, siteId: "s2" })).toBe(false);
    expect(isPossibleRework(earlier, { ...created, category: "cctv" })).toBe(false);
    expect(isPossibleRework({ ...earlier, verifiedAt: null }, created)).toBe(false);
  });
});
