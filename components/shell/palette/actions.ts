import { canOpen } from "@/lib/navigation";
import type { AlertStatus, Severity } from "@/lib/noc";
import { can } from "@/lib/permissions";
import type { Role } from "@/lib/roles";

/** An alert as the palette's search returns it (alert.search). */
export type AlertHit = {
  id: string;
  title: string;
  severity: Severity;
  status: AlertStatus;
  escalated: boolean;
  siteName: string;
  clientName: string;
};
export type SiteHit = { id: string; name: string; clientName: string };

export type AlertAction =
  | { kind: "open"; label: string; href: string }
  | { kind: "acknowledge"; label: string }
  | { kind: "escalate"; label: string };

/**
 * What the palette offers on an alert it found, as the role may: open it in the queue, acknowledge
 * it while new (alert.work), escalate it unless it is already (alert.triage; asks first).
 */
export function alertActions(role: Role, alert: AlertHit): AlertAction[] {
  const out: AlertAction[] = [];
  const href = `/noc?alert=${alert.id}`;
  if (canOpen(role, href)) out.push({ kind: "open", label: "Open in the NOC queue", href });
  if (alert.status === "new" && can(role, "alert.work"))
    out.push({ kind: "acknowledge", label: "Acknowledge" });
  if (!alert.escalated && can(role, "alert.triage"))
    out.push({ kind: "escalate", label: "Escalate…" });
  return out;
}

/** The pages that list a site's work, for the roles that may open them. */
const SITE_PAGES = [
  { label: "Alerts at", path: "/noc" },
  { label: "Tickets at", path: "/sla" },
  { label: "Shifts at", path: "/shifts" },
] as const;

/** Where the palette can take a site: its alerts, tickets and shifts, each filtered to it. */
export function siteTargets(role: Role, site: SiteHit): { label: string; href: string }[] {
  return SITE_PAGES.map((p) => ({
    label: `${p.label} ${site.name}`,
    href: `${p.path}?site=${site.id}`,
  })).filter((t) => canOpen(role, t.href));
}
