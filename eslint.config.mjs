import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

const noDb = {
  group: ["@/server/db", "@/server/db/*"],
  message:
    "Only services (and scripts/seed) touch the database: call a service instead (routes → routers → services → db).",
};
const noServices = {
  group: ["@/server/services/*"],
  message: "Pages and components go through tRPC (server/api), not services.",
};
const noInngest = {
  // "@/inngest/…" or "../../inngest/…" (the package "inngest" is another thing)
  regex: "^(@/|(\\.\\./)+)inngest(/|$)",
  message:
    "Nothing under server/ imports inngest/: services send events through server/events, and inngest/functions call services.",
};
const noServicesInEvents = {
  regex: "^(@/server/|(\\.\\./)+)services(/|$)",
  message: "server/events sits below the services (they send through it): it imports no service.",
};
const noServerInClient = {
  // except server actions ("use server" modules): forms post to them, nothing is bundled
  regex: "^@/server/(?!auth/actions$)",
  message: "Client code imports only types from server/; shared code lives in lib/.",
  allowTypeImports: true,
};

export default tseslint.config(
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-e2e/**",
      ".data/**",
      "node_modules/**",
      "drizzle/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // raw rows are typed in one place (server/db/raw.ts: rawRows, affected), not cast at each query
    rules: {
      "no-restricted-syntax": [
        "error",
        ...[
          "TSAsExpression > TSAsExpression[typeAnnotation.type='TSUnknownKeyword'] > AwaitExpression > CallExpression[callee.property.name='execute']",
          "TSAsExpression > TSAsExpression[typeAnnotation.type='TSUnknownKeyword'] > CallExpression[callee.property.name='execute']",
        ].map((selector) => ({
          selector,
          message: "Type raw SQL rows with rawRows<T>(db, sql) from server/db/raw.ts.",
        })),
      ],
    },
  },
  {
    // events sit below the services: services import server/events, never inngest/
    files: ["server/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noInngest] }] },
  },
  {
    files: ["server/events/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noInngest, noServicesInEvents] }] },
  },
  {
    files: ["server/api/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noDb, noInngest] }] },
  },
  {
    // the live bus carries every domain's changes and knows none of them: domains register
    // their pushes with it (server/services/live/registry.ts, server/services/live-domains.ts)
    files: ["server/services/live/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(\\.\\./(?!_core/)|@/server/services/(?!_core/|live/)|@/inngest/)",
              message:
                "server/services/live/ imports no domain module: register a push (live/registry.ts) from the domain instead.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/api/signed-in.ts"],
    // the one builder of a signed-in context hands the db handle to the service context
    rules: { "no-restricted-imports": ["error", { patterns: [noInngest] }] },
  },
  {
    files: ["inngest/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noDb] }] },
  },
  {
    files: ["app/**", "components/**"],
    ignores: ["app/api/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noDb, noServices] }] },
  },
  {
    files: ["components/**", "lib/**", "app/**/client.tsx", "app/**/*-form.tsx"],
    ignores: ["**/*.server.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [noDb, noServices, noServerInClient] }],
    },
  },
  {
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/*", "@/app/*", "@/components/*"],
              message: "lib/ is shared by browser and server; it depends on nothing else here.",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // The boundary validates text, ids and dates with the shared pieces of lib/schemas/common.ts
    // (no NUL, no lone surrogate, bounded; uuid; dates PostgreSQL can hold), never raw zod ones.
    files: [
      "lib/schemas/**",
      "lib/noc-filters.ts",
      "server/api/**",
      "server/auth/**",
      "app/api/**",
    ],
    ignores: ["lib/schemas/common.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.object.name='z'][callee.property.name=/^(string|email|url|uuid|guid|date)$/]",
          message:
            "Use the shared pieces of lib/schemas/common.ts (text, uuid, email, httpUrl, instant…): they refuse what PostgreSQL cannot store.",
        },
        {
          selector: "MemberExpression[object.name='z'][property.name=/^(iso|coerce)$/]",
          message: "Use isoDay / coercedInstant from lib/schemas/common.ts.",
        },
      ],
    },
  },
  {
    // tests may reach into the database to arrange and check; Playwright fixtures call `use`
    files: ["**/*.test.ts", "e2e/**", "server/test/**"],
    rules: { "no-restricted-imports": "off", "react-hooks/rules-of-hooks": "off" },
  },
);
