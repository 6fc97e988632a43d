"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { RosterAssignmentForm } from "./roster-assignment-form";
import { RosterPostForm } from "./roster-post-form";
import { RosterTemplateForm } from "./roster-template-form";
import { RosterTourForm } from "./roster-tour-form";

/** What the roster page's side panel shows: a new item's form, or an item's edit form. */
export type RosterPanelState =
  | { kind: "post"; id?: string }
  | { kind: "template"; id?: string }
  | { kind: "assignment"; id?: string; templateId?: string }
  | { kind: "tour" }
  | null;

export function RosterPanel({
  siteId,
  timeZone,
  panel,
  onDone,
}: {
  siteId: string;
  timeZone: string;
  panel: NonNullable<RosterPanelState>;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const scope = { siteId };
  const posts = useQuery(trpc.roster.posts.queryOptions(scope));
  const templates = useQuery(trpc.roster.templates.queryOptions(scope));
  const assignments = useQuery(trpc.roster.assignments.queryOptions(scope));
  switch (panel.kind) {
    case "post": {
      const post = panel.id ? posts.data?.find((p) => p.id === panel.id) : undefined;
      if (panel.id && !post) return null;
      return <RosterPostForm key={panel.id ?? "new"} siteId={siteId} post={post} onDone={onDone} />;
    }
    case "template": {
      const template = panel.id ? templates.data?.find((t) => t.id === panel.id) : undefined;
      if (panel.id && !template) return null;
      return (
        <RosterTemplateForm
          key={panel.id ?? "new"}
          posts={posts.data ?? []}
          template={template}
          timeZone={timeZone}
          onDone={onDone}
        />
      );
    }
    case "assignment": {
      const assignment = panel.id ? assignments.data?.find((a) => a.id === panel.id) : undefined;
      if (panel.id && !assignment) return null;
      return (
        <RosterAssignmentForm
          key={panel.id ?? `new-${panel.templateId ?? ""}`}
          templates={templates.data ?? []}
          assignment={assignment}
          templateId={panel.templateId}
          timeZone={timeZone}
          onDone={onDone}
        />
      );
    }
    case "tour":
      return <RosterTourForm siteId={siteId} onDone={onDone} />;
  }
}
