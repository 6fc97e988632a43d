import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // tests run outside Next's react-server bundles: the marker resolves to its empty twin there
  "server-only": path.resolve(
    import.meta.dirname,
    "node_modules/next/dist/compiled/server-only/empty.js",
  ),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,server,components,inngest,app}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["{server,inngest,app}/**/*.int.test.ts"],
          environment: "node",
          globalSetup: ["server/test/global-setup.ts"],
          // live streams carry the registered domains' pushes, as app/api/live/route.ts loads them
          setupFiles: ["server/services/live-domains.ts"],
          // next-auth imports "next/server" without an extension; let Vite resolve it
          server: { deps: { inline: ["next-auth"] } },
          testTimeout: 30_000,
          // events sent by services go nowhere unless a test starts its own executor
          env: {
            INNGEST_DEV: "1",
            INNGEST_BASE_URL: "http://127.0.0.1:9",
            // signs the session cookies route tests send (server/test/session.ts)
            AUTH_SECRET: "integration-tests-only-secret-0123456789",
          },
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
