import { db, type Db } from "@/server/db";

/** The database handle for work done by the system itself (jobs, middleware), not a request. */
export function systemDb(): Db {
  return db;
}
