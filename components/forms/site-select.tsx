"use client";

import { useQuery } from "@tanstack/react-query";
import type { Control, FieldValues } from "react-hook-form";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import { Select, type Text } from "./fields";

type Site = RouterOutputs["site"]["list"][number];

/** "Site": the sites the user may see, as "Name — Client", none chosen at first. */
export function SiteSelect<T extends FieldValues, O, N extends Text<T>>({
  control,
  name,
  className,
  only,
}: {
  control: Control<T, unknown, O>;
  name: N;
  className?: string;
  /** the sites the form offers (those of clients on a plan with the feature) */
  only?: (site: Site) => boolean;
}) {
  const trpc = useTRPC();
  const sites = useQuery(trpc.site.list.queryOptions({}));
  return (
    <Select
      control={control}
      name={name}
      label="Site"
      className={className}
      autoFocus
      placeholder="Choose a site…"
      options={(sites.data ?? [])
        .filter((s) => only?.(s) ?? true)
        .map((s) => ({ value: s.id, label: `${s.name} — ${s.clientName}` }))}
    />
  );
}
