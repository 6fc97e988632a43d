/** The one place that says which plan tier includes which feature (platform.md, "Plan tiers"). */
export const TIERS = ["none", "bronze", "silver", "gold"] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_LABELS: Record<Tier, string> = {
  none: "No plan",
  bronze: "Bronze",
  silver: "Silver",
  gold: "Gold",
};

export const FEATURES = {
  alertTriage: { label: "AI alert priority triage, routing, escalation", minTier: "bronze" },
  deviceFailureAlerts: {
    label: "Basic predictive alerting (device failure alerts)",
    minTier: "bronze",
  },
  executiveScorecard: { label: "Executive monthly scorecard", minTier: "bronze" },
  slaBreachPrevention: { label: "SLA breach prevention", minTier: "silver" },
  shiftCompliance: { label: "Shift compliance", minTier: "silver" },
  deviceHealth: { label: "Device health monitoring", minTier: "silver" },
  vendorPerformance: { label: "Vendor performance tracking", minTier: "silver" },
  soarPlaybooks: { label: "SOAR-lite automated remediation", minTier: "gold" },
  predictiveReplacement: { label: "Predictive device replacement", minTier: "gold" },
  liveComplianceDashboards: { label: "Real-time compliance dashboards", minTier: "gold" },
} as const satisfies Record<string, { label: string; minTier: Tier }>;
export type Feature = keyof typeof FEATURES;

const RANK: Record<Tier, number> = { none: 0, bronze: 1, silver: 2, gold: 3 };

export function tierIncludes(tier: Tier, feature: Feature): boolean {
  return RANK[tier] >= RANK[FEATURES[feature].minTier];
}

/** The tiers that include a feature, lowest first. */
export function tiersWith(feature: Feature): Tier[] {
  return TIERS.filter((t) => tierIncludes(t, feature));
}

export function featuresOf(tier: Tier): Feature[] {
  return (Object.keys(FEATURES) as Feature[]).filter((f) => tierIncludes(tier, f));
}

/**
 * Playbooks are gold: a run starts only for an alert of a client whose plan includes this
 * feature, and a trigger may name only such clients. The playbooks pages are tenant-wide tools
 * shown to the roles holding the playbook capabilities whatever the clients' plans; with no gold
 * client they say that nothing will run.
 */
export const PLAYBOOK_FEATURE = "soarPlaybooks" satisfies Feature;
