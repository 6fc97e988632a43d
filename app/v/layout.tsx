import type { Metadata, Viewport } from "next";

// The token is the vendor's only key: keep the page out of search engines and the URL out of
// Referer headers (links to maps, attachment fetches).
export const metadata: Metadata = {
  title: "Work order",
  robots: { index: false, follow: false, nocache: true },
  referrer: "no-referrer",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function PortalLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-dvh bg-slate-50">
      <div className="mx-auto w-full max-w-xl px-3 py-4 sm:px-4 sm:py-6">{children}</div>
    </div>
  );
}
