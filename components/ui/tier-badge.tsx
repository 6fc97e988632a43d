import { TIER_LABELS, type Tier } from "@/lib/tiers";
import { Badge, type Tone } from "./badge";

const TONES: Record<Tier, Tone> = { none: "slate", bronze: "amber", silver: "sky", gold: "violet" };

export function TierBadge({ tier }: { tier: Tier }) {
  return <Badge tone={TONES[tier]}>{TIER_LABELS[tier]}</Badge>;
}
