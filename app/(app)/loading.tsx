import { PageSkeleton } from "@/components/ui/page-skeleton";

/**
 * Every console page streams in behind this frame: the sidebar, header and frame paint at once
 * instead of after the page's slowest prefetch (on the large data set, seconds on /overview,
 * /vendors and /shifts).
 */
export default function Loading() {
  return <PageSkeleton />;
}
