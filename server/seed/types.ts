import type { Db } from "@/server/db";
import type { Random } from "./random";

export type SeedContext = {
  db: Db;
  random: Random;
  /** tenant slug → id, filled by the platform part for the parts after it */
  tenants: Map<string, string>;
  log: (line: string) => void;
};

/** One module's share of the demo data; later modules add theirs to the list in index.ts. */
export type SeedPart = {
  name: string;
  demo: (ctx: SeedContext) => Promise<void>;
  large?: (ctx: SeedContext) => Promise<void>;
};
