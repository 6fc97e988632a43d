"use client";

import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Table, Th } from "@/components/ui/table";

export type RosterColumn = { label: string; className?: string };

/**
 * One list of the roster page: a card titled `title` with its add button, and a table of the
 * rows (the last column holds each row's actions) or, with none, what to do first.
 */
export function RosterListCard({
  title,
  add,
  columns,
  count,
  empty,
  children,
}: {
  title: string;
  add: { label: string; onClick: () => void; blockedBecause?: string | undefined };
  columns: readonly RosterColumn[];
  count: number;
  empty: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Card
      title={title}
      actions={
        <Button
          variant="secondary"
          disabled={Boolean(add.blockedBecause)}
          title={add.blockedBecause}
          onClick={add.onClick}
        >
          {add.label}
        </Button>
      }
    >
      {count ? (
        <Table label={title}>
          <thead>
            <tr>
              {columns.map((c) => (
                <Th key={c.label} className={c.className}>
                  {c.label}
                </Th>
              ))}
              {/* relative: keeps the screen-reader-only label inside the table's scroll box */}
              <Th className="relative">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </Table>
      ) : (
        <EmptyState>{empty}</EmptyState>
      )}
    </Card>
  );
}
