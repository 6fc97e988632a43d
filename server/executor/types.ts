export type Trigger = { event: string; expression?: string } | { cron: string };

/**
 * One of a function's `concurrency` limits: at most `limit` runs executing at once, per
 * function, or per function and value of the `key` expression (evaluated on the event).
 */
export type ConcurrencyLimit = { limit: number; key?: string; scope?: "env" | "account" };

/** A run's concurrency bucket (`k`) and that bucket's limit (`n`), fixed when it is created. */
export type RunConcurrency = { k: string; n: number };

export type RegisteredFunction = {
  id: string;
  appId: string;
  name: string;
  triggers: Trigger[];
  url: string;
  retries: number;
  /** `priority.run`: a CEL expression giving seconds to move a run ahead (+) or behind (-) */
  priority?: string | null;
  /** `concurrency`: up to two limits on runs executing a step at once (sleeps and waits free) */
  concurrency?: ConcurrencyLimit[] | null;
};

export type InngestEvent = {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  user?: Record<string, unknown>;
};

export type Op = {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown> | null;
  data?: unknown;
  error?: { name?: string; message?: string; stack?: string } | null;
};

export type Memo = Record<string, { data: unknown } | { error: unknown }>;
