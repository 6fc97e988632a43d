"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { recentMonths } from "./board-logic";

/** Saves text as a file through the browser's download. */
function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

/** A month of shifts (the site chosen, or every site in scope) as CSV, for payroll or the client. */
export function ExportCsv({ siteId, now }: { siteId: string | undefined; now: Date }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const months = recentMonths(now);
  const [month, setMonth] = useState(months[0]?.value ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const out = await qc.fetchQuery({
        ...trpc.shift.exportCsv.queryOptions({ month, ...(siteId ? { siteId } : {}) }),
        staleTime: 0,
      });
      download(out.filename, out.csv);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div role="group" aria-label="Export shifts" className="flex flex-wrap items-center gap-2">
      <div className="w-40">
        <Select
          aria-label="Month to export"
          value={month}
          onChange={(e) => setMonth(e.target.value)}
        >
          {months.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </Select>
      </div>
      <Button variant="secondary" onClick={() => void run()} disabled={busy}>
        {busy ? "Exporting…" : "Export CSV"}
      </Button>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
