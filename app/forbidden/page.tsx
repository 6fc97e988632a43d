import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not allowed" };

export default function ForbiddenPage() {
  return (
    <main className="grid min-h-screen place-items-center p-6">
      <div className="max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
        <p className="text-sm font-semibold text-red-700">403 — Forbidden</p>
        <h1 className="mt-1 text-xl font-semibold">Your role cannot open this page</h1>
        <p className="mt-2 text-sm text-slate-600">
          The page exists, but your account&apos;s role does not include it. If you need it, ask an
          admin to change your role.
        </p>
        <Link
          href="/"
          className="mt-5 inline-block rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white"
        >
          Go to your start page
        </Link>
      </div>
    </main>
  );
}
