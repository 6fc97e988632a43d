"use client";

import { useId } from "react";
import { Select } from "@/components/ui/field";

type Site = { id: string; name: string; clientName: string; active: boolean };

/** "Site": the roster page's site, grouped by client (its choice lives in the URL). */
export function RosterSitePicker({
  sites,
  value,
  onChange,
}: {
  sites: readonly Site[];
  value: string | null;
  onChange: (id: string) => void;
}) {
  const id = useId();
  const clients = [...new Set(sites.map((s) => s.clientName))];
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="font-medium text-slate-700">
        Site
      </label>
      <span className="w-72">
        <Select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
          {value ? null : (
            <option value="" disabled>
              Choose a site…
            </option>
          )}
          {clients.map((c) => (
            <optgroup key={c} label={c}>
              {sites
                .filter((s) => s.clientName === c)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                    {s.active ? "" : " (inactive)"}
                  </option>
                ))}
            </optgroup>
          ))}
        </Select>
      </span>
    </div>
  );
}
