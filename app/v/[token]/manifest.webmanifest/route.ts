// a link token's shape (43 base64url characters); anything else is not a vendor link
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The vendor page's web manifest: added to a phone's home screen, it opens this work order
 * (the app-wide /manifest.webmanifest would open the staff login). The token is not checked
 * against the database: the manifest tells nothing the link itself does not.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!TOKEN_SHAPE.test(token)) return new Response("Not found", { status: 404 });
  const home = `/v/${token}`;
  return Response.json(
    {
      name: "Watchfloor work order",
      short_name: "Work order",
      start_url: home,
      scope: home,
      display: "standalone",
      background_color: "#f8fafc",
      theme_color: "#0f172a",
      icons: [
        { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml" },
        { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
        { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
      ],
    },
    {
      headers: {
        "Content-Type": "application/manifest+json",
        "Cache-Control": "private, no-store",
        "X-Robots-Tag": "noindex, nofollow",
      },
    },
  );
}
