import type { Metadata, Viewport } from "next";

// The token is the vendor's only key: keep the page out of search engines and the URL out of
// Referer headers (links to maps, attachment fetches).
export async function generateMetadata({
  params,
}: {
  params: Promise<{ token: string }>;
}): Promise<Metadata> {
  const { token } = await params;
  return {
    title: "Work order",
    robots: { index: false, follow: false, nocache: true },
    referrer: "no-referrer",
    // a home-screen icon opens this work order, not the staff login
    manifest: `/v/${encodeURIComponent(token)}/manifest.webmanifest`,
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function PortalLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-dvh bg-slate-50">
      <div className="mx-auto w-full max-w-xl px-3 py-4 sm:px-4 sm:py-6">{children}</div>
    </div>
  );
}
