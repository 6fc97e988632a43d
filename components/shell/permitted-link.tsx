"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { canOpen } from "@/lib/navigation";
import { useTRPC } from "@/lib/trpc/client";

/**
 * A link to a page of the app, drawn only for a role that may open that page (lib/navigation's
 * map); otherwise `fallback` (nothing by default). No role is shown a link that ends in a 403.
 */
export function PermittedLink({
  href,
  fallback = null,
  ...props
}: ComponentProps<typeof Link> & { href: string; fallback?: ReactNode }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  if (!canOpen(me.data?.role, href)) return <>{fallback}</>;
  return <Link href={href} {...props} />;
}
