import type { TicketCategory, TicketPriority } from "@/lib/sla";
import type { Random } from "../random";

/** What the demo tickets say and how they go: titles, difficulty, the requester's words. */

export const TITLES: Record<TicketCategory, string[]> = {
  access: [
    "Badge not working at main door",
    "New starter needs access",
    "Visitor pass printer down",
  ],
  alarm: ["Intruder alarm keeps false-triggering", "Alarm panel shows tamper", "Set/unset codes"],
  cctv: ["Camera 4 image blurred", "Recording gap last night", "Need footage export"],
  guarding: ["Guard late for patrol", "Change to weekend guarding", "Patrol report missing"],
  facilities: ["Gate motor failing", "Lighting out in car park", "Lift alarm line fault"],
  it: ["Kiosk tablet offline", "Wi-Fi down in guard room", "Reset portal password"],
  billing: ["Invoice query for October", "PO number missing on invoice"],
  other: ["General question", "Feedback on service"],
};

/** How hard each category usually is (its share of the target, on average). */
export const CATEGORY_DIFFICULTY: Record<TicketCategory, number> = {
  access: 0.45,
  alarm: 0.7,
  cctv: 0.85,
  guarding: 0.6,
  facilities: 1.0,
  it: 0.5,
  billing: 0.35,
  other: 0.4,
};

export const HAPPY = [
  "Thanks, that was quick and helpful.",
  "Great, all working now. Appreciate it!",
  "Perfect, thank you for the update.",
];
export const NEUTRAL = [
  "Any update on this?",
  "Please see the attached details.",
  "We are available on site from 9.",
];
export const ANGRY = [
  "This is still broken and nobody has called back. Very disappointed.",
  "Unacceptable delay, this is the third time we have asked. Terrible service.",
  "We are frustrated and angry, the site is exposed and no one is helping.",
];

const PRIORITY_WEIGHTS: [TicketPriority, number][] = [
  ["P1", 0.08],
  ["P2", 0.22],
  ["P3", 0.45],
  ["P4", 0.25],
];
export function pickPriority(r: Random): TicketPriority {
  let x = r.next();
  for (const [p, w] of PRIORITY_WEIGHTS) {
    if (x < w) return p;
    x -= w;
  }
  return "P3";
}
export const gauss = (r: Random) =>
  Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
