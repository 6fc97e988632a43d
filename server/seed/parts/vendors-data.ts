import type { WorkOrderCategory } from "@/lib/work-orders";

/** A dozen vendors across trades, each with a character the scores should reveal. */
export const VENDORS: {
  name: string;
  trades: WorkOrderCategory[];
  /** share of jobs done by the due time, overrun factor, mean rating, share reworked */
  onTime: number;
  overrun: number;
  rating: number;
  rework: number;
  jobs: number;
  expiredInsurance?: boolean;
}[] = [
  {
    name: "Coolair HVAC",
    trades: ["hvac"],
    onTime: 0.93,
    overrun: 1.05,
    rating: 4.6,
    rework: 0.02,
    jobs: 42,
  },
  {
    name: "Polar Climate Services",
    trades: ["hvac"],
    onTime: 0.7,
    overrun: 1.5,
    rating: 3.4,
    rework: 0.12,
    jobs: 30,
  },
  {
    name: "Brightline Electrical",
    trades: ["electrical"],
    onTime: 0.88,
    overrun: 1.1,
    rating: 4.3,
    rework: 0.04,
    jobs: 38,
  },
  {
    name: "Sparkfix",
    trades: ["electrical", "general"],
    onTime: 0.55,
    overrun: 1.8,
    rating: 2.9,
    rework: 0.2,
    jobs: 26,
  },
  {
    name: "Flowright Plumbing",
    trades: ["plumbing"],
    onTime: 0.82,
    overrun: 1.2,
    rating: 4.0,
    rework: 0.06,
    jobs: 33,
  },
  {
    name: "Lockfast Locksmiths",
    trades: ["locks", "access_control"],
    onTime: 0.95,
    overrun: 0.95,
    rating: 4.8,
    rework: 0.01,
    jobs: 28,
  },
  {
    name: "Keystone Access",
    trades: ["access_control"],
    onTime: 0.78,
    overrun: 1.3,
    rating: 3.8,
    rework: 0.08,
    jobs: 21,
    expiredInsurance: true,
  },
  {
    name: "Clearview CCTV",
    trades: ["cctv"],
    onTime: 0.9,
    overrun: 1.1,
    rating: 4.4,
    rework: 0.05,
    jobs: 35,
  },
  {
    name: "Argus Camera Systems",
    trades: ["cctv"],
    onTime: 1,
    overrun: 0.9,
    rating: 5,
    rework: 0,
    jobs: 3,
  },
  {
    name: "Ember Fire Safety",
    trades: ["fire_safety"],
    onTime: 0.86,
    overrun: 1.15,
    rating: 4.2,
    rework: 0.03,
    jobs: 24,
  },
  {
    name: "Spotless Facility Cleaning",
    trades: ["cleaning"],
    onTime: 0.91,
    overrun: 1.0,
    rating: 4.1,
    rework: 0.02,
    jobs: 40,
  },
  {
    name: "Handy Harbor Maintenance",
    trades: ["general", "plumbing"],
    onTime: 0.66,
    overrun: 1.4,
    rating: 3.5,
    rework: 0.1,
    jobs: 29,
  },
];

export const TITLES: Partial<Record<WorkOrderCategory, string[]>> = {
  hvac: ["Server room AC alarm", "Rooftop unit not cooling", "Replace HVAC filters"],
  electrical: ["Car park lights out", "Trip on guard-house circuit", "Install outlet at gate"],
  plumbing: ["Leak under kitchen sink", "Blocked drain, loading bay", "Water heater fault"],
  locks: ["Rekey back door", "Broken padlock, gate 3", "Door closer failing"],
  access_control: ["Badge reader offline", "Maglock not releasing", "Add reader to server room"],
  cctv: ["Camera 4 blurred", "NVR disk replacement", "Reposition PTZ camera"],
  fire_safety: ["Annual extinguisher check", "Fire door not latching", "Smoke detector fault"],
  cleaning: ["Deep clean after event", "Window cleaning, lobby", "Graffiti removal"],
  general: ["Fix fence panel", "Replace ceiling tiles", "Repaint bollards"],
};
