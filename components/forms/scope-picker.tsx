"use client";

type Option = { id: string; label: string; hint?: string };

/** Checkbox lists for a user's client and site scope. */
export function ScopePicker({
  clients,
  sites,
  value,
  onChange,
}: {
  clients: Option[];
  sites: Option[];
  value: { siteIds: string[]; clientIds: string[] };
  onChange: (v: { siteIds: string[]; clientIds: string[] }) => void;
}) {
  const toggle = (key: "siteIds" | "clientIds", id: string) => {
    const set = new Set(value[key]);
    if (set.has(id)) set.delete(id);
    else set.add(id);
    onChange({ ...value, [key]: [...set] });
  };
  return (
    <fieldset className="grid gap-3 sm:grid-cols-2">
      <legend className="mb-1 text-sm font-medium text-slate-700">
        Scope (leave empty for all)
      </legend>
      {(
        [
          ["Clients", "clientIds", clients],
          ["Sites", "siteIds", sites],
        ] as const
      ).map(([title, key, options]) => (
        <div key={key} className="max-h-44 overflow-y-auto rounded-md border border-slate-200 p-2">
          <div className="mb-1 text-xs font-semibold uppercase text-slate-500">{title}</div>
          {options.map((o) => (
            <label key={o.id} className="flex items-center gap-2 py-0.5 text-sm">
              <input
                type="checkbox"
                checked={value[key].includes(o.id)}
                onChange={() => toggle(key, o.id)}
              />
              <span>{o.label}</span>
              {o.hint ? <span className="text-xs text-slate-400">{o.hint}</span> : null}
            </label>
          ))}
        </div>
      ))}
    </fieldset>
  );
}
