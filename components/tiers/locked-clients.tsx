"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Locked } from "@/components/ui/locked";
import { TIER_LABELS, tierIncludes, type Feature } from "@/lib/tiers";
import { useTRPC } from "@/lib/trpc/client";

const SHOWN = 4;

/**
 * The clients in the viewer's scope whose plan lacks a feature, shown as locked rather than left
 * out: "Acme (Bronze) and Harbor (no plan)" and what they get instead. Nothing when none are.
 */
export function LockedClients({
  feature,
  children,
}: {
  feature: Feature;
  children: (clients: string, count: number) => ReactNode;
}) {
  const trpc = useTRPC();
  const clients = useQuery(trpc.client.list.queryOptions());
  const locked = (clients.data ?? []).filter((c) => c.active && !tierIncludes(c.tier, feature));
  if (!locked.length) return null;
  const named = locked
    .slice(0, SHOWN)
    .map((c) => `${c.name} (${c.tier === "none" ? "no plan" : TIER_LABELS[c.tier]})`);
  if (locked.length > SHOWN) named.push(`${locked.length - SHOWN} more`);
  const list = new Intl.ListFormat("en", { type: "conjunction" }).format(named);
  return <Locked feature={feature}>{children(list, locked.length)}</Locked>;
}
