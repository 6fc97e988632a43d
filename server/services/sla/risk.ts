import "server-only";
import { SLA_RULES, type RiskFactor, type TicketPriority } from "@/lib/sla";
import { predictLogistic, type LogisticModel } from "../models/logistic";

/** What the prediction knows about an open ticket at one moment (sla.md's factors). */
export type RiskInput = {
  /** share of the resolution target already used (working time, pauses excluded) */
  fractionUsed: number;
  /** working hours left before the resolution target (negative when past it) */
  hoursLeft: number;
  noFirstResponse: boolean;
  priority: TicketPriority;
  /** the category's mean resolution time over this ticket's target (1 = typically just makes it) */
  categorySlowness: number;
  /** open tickets of the assignee (null when unassigned) */
  assigneeOpen: number | null;
  reopenedCount: number;
  /** hours spent waiting on the customer so far */
  pendingHours: number;
  /** mean AFINN comparative score of recent comments (negative = unhappy), null without any */
  sentiment: number | null;
};

export type Risk = { probability: number; factors: RiskFactor[] };

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const PRIORITY_LEVEL: Record<TicketPriority, number> = { P1: 3, P2: 2, P3: 1, P4: 0 };

export const FEATURE_KEYS = [
  "used",
  "left",
  "noResponse",
  "priority",
  "category",
  "workload",
  "reopened",
  "pending",
  "sentiment",
  "unassigned",
] as const;

/** The model's feature vector (the same for training and scoring). */
export function riskFeatures(x: RiskInput): number[] {
  return [
    clamp(x.fractionUsed, 0, 2),
    // closeness to the deadline: 1 at the deadline, falling as hours remain
    1 / (1 + clamp(x.hoursLeft, 0, 500)),
    x.noFirstResponse ? 1 : 0,
    PRIORITY_LEVEL[x.priority],
    clamp(x.categorySlowness, 0, 3),
    clamp(x.assigneeOpen ?? 0, 0, 40),
    clamp(x.reopenedCount, 0, 5),
    clamp(x.pendingHours, 0, 96),
    clamp(-(x.sentiment ?? 0), 0, 5),
    x.assigneeOpen === null ? 1 : 0,
  ];
}

const leftLabel = (hoursLeft: number) =>
  hoursLeft <= 0
    ? "Past the resolution target"
    : hoursLeft < 1
      ? `${Math.max(1, Math.round(hoursLeft * 60))} min left`
      : `${hoursLeft.toFixed(1)} h left`;

function label(key: (typeof FEATURE_KEYS)[number], x: RiskInput): string {
  switch (key) {
    case "used":
      return `${Math.round(x.fractionUsed * 100)}% of the SLA used`;
    case "left":
      return leftLabel(x.hoursLeft);
    case "noResponse":
      return "No first response yet";
    case "priority":
      return `Priority ${x.priority}`;
    case "category":
      return `Category usually takes ${Math.round(x.categorySlowness * 100)}% of the target`;
    case "workload":
      return `Assignee has ${x.assigneeOpen ?? 0} open tickets`;
    case "reopened":
      return `Reopened ${x.reopenedCount}×`;
    case "pending":
      return `${x.pendingHours.toFixed(1)} h waiting on the customer`;
    case "sentiment":
      return "Unhappy customer comments";
    case "unassigned":
      return "Nobody assigned";
  }
}

/** Heuristic log-odds weights per feature, before any model is trained (and as fallback). */
export const HEURISTIC = {
  bias: -5.0,
  weights: [5.5, 1.6, 0.9, 0.2, 0.9, 0.05, 0.35, 0.01, 0.45, 0.7],
};

/** A probability with the per-feature contributions it came from (null: past the target). */
export type RiskScore = { probability: number; contributions: number[] | null; p: number };

const EXPLAIN_MIN = 0.05;

function explain(x: RiskInput, contributions: number[], p: number): RiskFactor[] {
  const positive = contributions
    .map((c, i) => ({ c, key: FEATURE_KEYS[i] }))
    .filter(
      (f): f is { c: number; key: (typeof FEATURE_KEYS)[number] } => !!f.key && f.c > EXPLAIN_MIN,
    );
  const total = positive.reduce((s, f) => s + f.c, 0) || 1;
  return positive
    .sort((a, b) => b.c - a.c)
    .slice(0, 4)
    .map((f) => ({
      key: f.key,
      label: label(f.key, x),
      // each factor's share of the probability, so "why 0.86" adds up
      weight: Math.round((f.c / total) * p * 100) / 100,
    }));
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-clamp(z, -30, 30)));

/**
 * Breach probability by a trained model (contributions against the training mean), or by
 * the heuristic weights without one. A ticket already past its target is at 1. The factors
 * are left to `explainRisk`: a run scores every open ticket but explains only the few whose
 * result it writes.
 */
export function scoreRisk(model: LogisticModel | null, x: RiskInput): RiskScore {
  if (x.hoursLeft <= 0) return { probability: 1, contributions: null, p: 1 };
  const f = riskFeatures(x);
  if (model) {
    const { p, contributions } = predictLogistic(model, f);
    return { probability: Math.round(p * 1000) / 1000, contributions, p };
  }
  const contributions = f.map((v, i) => v * (HEURISTIC.weights[i] ?? 0));
  const p = sigmoid(contributions.reduce((s, c) => s + c, HEURISTIC.bias));
  return { probability: Math.round(p * 1000) / 1000, contributions, p };
}

/** The key of the factor `explainRisk` would list first, without building the list. */
export function topFactorKey(score: RiskScore): string | null {
  if (!score.contributions) return "left";
  let best = -1;
  for (let i = 0; i < score.contributions.length; i++) {
    const c = score.contributions[i] ?? 0;
    // the first of equal contributions wins, as in the stable sort of `explain`
    if (c > EXPLAIN_MIN && (best < 0 || c > (score.contributions[best] ?? 0))) best = i;
  }
  return best < 0 ? null : (FEATURE_KEYS[best] ?? null);
}

/** The top factors of a score ("why 0.86"), with each one's share of the probability. */
export function explainRisk(x: RiskInput, score: RiskScore): RiskFactor[] {
  if (!score.contributions) return [{ key: "left", label: label("left", x), weight: 1 }];
  return explain(x, score.contributions, score.p);
}

/** Breach probability by the heuristic weights, with its factors. */
export function heuristicRisk(x: RiskInput): Risk {
  const score = scoreRisk(null, x);
  return { probability: score.probability, factors: explainRisk(x, score) };
}

/** Breach probability by a trained model, with its factors. */
export function modelRisk(model: LogisticModel, x: RiskInput): Risk {
  const score = scoreRisk(model, x);
  return { probability: score.probability, factors: explainRisk(x, score) };
}

const PROBABILITY_STEP = 0.01;

/**
 * Whether a run's result is worth writing to the ticket: the probability moved by a point
 * (the page shows two decimals), crossed a threshold something acts on, or its top factor,
 * due time or breach changed. Outside working hours most clocks stand still, so most runs
 * rewrite a fraction of the open tickets instead of all of them.
 */
export function predictionMoved(
  prev: {
    p: number | null;
    top: string | null;
    /** a date, or epoch milliseconds */
    due: number | string | Date | null;
    breached: boolean;
  },
  next: { p: number; top: string | null; due: number | string | Date; used: number },
): boolean {
  if (prev.p === null || prev.due === null || prev.due === "") return true;
  if (Math.abs(prev.p - next.p) >= PROBABILITY_STEP) return true;
  for (const th of THRESHOLDS) if (prev.p >= th !== next.p >= th) return true;
  if (prev.top !== next.top) return true;
  if (next.used >= 1 && !prev.breached) return true;
  return Math.abs(epochMs(prev.due) - epochMs(next.due)) >= 60_000;
}

const THRESHOLDS = [SLA_RULES.alertResolveBelow, SLA_RULES.alertAt, SLA_RULES.escalateAt];

const epochMs = (d: number | string | Date) =>
  typeof d === "number" ? d : d instanceof Date ? d.getTime() : new Date(d).getTime();

/** What a ticket's clock and state say at the moment its factors are read. */
export type FactorFacts = {
  fractionUsed: number | null;
  remainingMinutes: number | null;
  breached: boolean;
  paused: boolean;
  responded: boolean;
  assigned: boolean;
};

/**
 * The stored factors of a score as they read at the viewer's moment: the share used and the
 * time left from the clock now (a breached ticket reads "Past the resolution target", never
 * "10 min left"), and "No first response yet" / "Nobody assigned" dropped once no longer so.
 * The weights stay those of the score. Pure.
 */
export function factorsAt(factors: readonly RiskFactor[], facts: FactorFacts): RiskFactor[] {
  return factors.flatMap((f): RiskFactor[] => {
    switch (f.key) {
      case "used":
        return facts.fractionUsed === null
          ? [f]
          : [{ ...f, label: `${Math.round(facts.fractionUsed * 100)}% of the SLA used` }];
      case "left": {
        if (facts.breached) return [{ ...f, label: "Past the resolution target" }];
        if (facts.remainingMinutes === null) return [f];
        const text = leftLabel(facts.remainingMinutes / 60);
        return [{ ...f, label: facts.paused ? `${text} (clock paused)` : text }];
      }
      case "noResponse":
        return facts.responded ? [] : [f];
      case "unassigned":
        return facts.assigned ? [] : [f];
      default:
        return [f];
    }
  });
}
