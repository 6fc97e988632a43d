"use client";

import { formatDateTime, formatRelative } from "@/lib/format";

/**
 * "3 minutes ago". Server and browser render it a moment apart, so the text may differ by a
 * tick at hydration; that is expected, not a bug to report.
 */
export function RelativeTime({
  date,
  now,
  prefix = "",
}: {
  date: Date;
  now?: Date;
  prefix?: string;
}) {
  return (
    <span suppressHydrationWarning title={formatDateTime(date)}>
      {prefix}
      {formatRelative(date, now ?? new Date())}
    </span>
  );
}
