import Link from "next/link";

/** Where a tour page lands when the tour left the user's roster while it was open. */
export function RosterTourGone() {
  return (
    <p role="alert" className="rounded-lg border border-slate-200 bg-white p-8 text-center text-sm">
      This tour is no longer in your roster.{" "}
      <Link href="/shifts/roster" className="font-medium text-sky-800 underline">
        Back to the roster
      </Link>
    </p>
  );
}
