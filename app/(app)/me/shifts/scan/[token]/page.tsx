import type { Metadata } from "next";
import { Forbidden, mayOpen } from "@/components/shell/page-guard.server";
import { CHECKPOINT_SCAN_PATH } from "@/lib/shifts";
import { ScanClient } from "./client";

export const metadata: Metadata = { title: "Checkpoint scan" };

/**
 * Where a checkpoint's QR code leads. Signed out, the proxy sends the guard to sign in and
 * back here; signed in as the guard on duty, the page records the scan (with the phone's
 * position when it gives one) and says how it went.
 */
export default async function ScanPage({ params }: { params: Promise<{ token: string }> }) {
  if (!(await mayOpen(CHECKPOINT_SCAN_PATH))) return <Forbidden />;
  const { token } = await params;
  return <ScanClient token={decoded(token)} />;
}

function decoded(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token; // a malformed escape is just another unknown code: the server says so
  }
}
